import type { ChartData, ChartText } from './chart-types.ts';
import { isEmptyChart, seriesClass } from './chart-types.ts';
import { BarChart } from './bar-chart.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';

export interface ChartWithTableProps {
  text: ChartText;
  data: ChartData;
  kind: 'line' | 'column' | 'bar';
  /** Header of the table's first column (e.g. "Month", "Center"). */
  categoryHeader: string;
  locale?: string;
  /** Values are whole numbers (counts): whole-number axis ticks. Default true. */
  integer?: boolean;
  /** A link under the table to download the same numbers as CSV. */
  csv?: { href: string; label: string };
}

/**
 * A chart and, always beside it, a `usa-table` of exactly the same numbers: the table is what
 * screen-reader users, keyboard users and anyone copying figures use, and what prints exactly.
 */
export function ChartWithTable(props: ChartWithTableProps) {
  const { text, data } = props;
  const locale = props.locale ?? 'en';
  const captionId = `${text.id}-caption`;
  if (isEmptyChart(data)) {
    return (
      <figure class="hub-chart" aria-labelledby={captionId}>
        <figcaption id={captionId} class="hub-chart__caption">
          {text.title}
        </figcaption>
        <p class="hub-chart__empty-note">{text.emptyText}</p>
      </figure>
    );
  }
  const number = new Intl.NumberFormat(locale);
  return (
    <figure class="hub-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} class="hub-chart__caption">
        {text.title}
      </figcaption>
      {props.kind === 'bar' ? (
        <BarChart text={text} data={data} locale={locale} integer={props.integer} />
      ) : (
        <TimeSeriesChart text={text} data={data} kind={props.kind} locale={locale} integer={props.integer} />
      )}
      {data.series.length > 1 && (
        <ul class="hub-chart__legend">
          {data.series.map((s, i) => (
            <li>
              <span class={`hub-chart__swatch ${seriesClass(i)}`} aria-hidden="true"></span>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {/* Focusable and named because it scrolls sideways on a phone (WCAG: keyboard reach). */}
      <div class="usa-table-container--scrollable hub-chart__table" tabIndex={0} role="region" aria-labelledby={`${text.id}-table`}>
        <table class="usa-table usa-table--compact usa-table--striped">
          <caption id={`${text.id}-table`}>{text.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.categoryHeader}</th>
              {data.series.map((s) => (
                <th scope="col" class="text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.categories.map((c, i) => (
              <tr>
                <th scope="row">{c}</th>
                {data.series.map((s) => (
                  <td class="text-right">{Number.isFinite(s.values[i]) ? number.format(s.values[i]!) : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.csv && (
        <p class="margin-top-1">
          <a class="usa-link" href={props.csv.href} download>
            {props.csv.label}
          </a>
        </p>
      )}
    </figure>
  );
}
