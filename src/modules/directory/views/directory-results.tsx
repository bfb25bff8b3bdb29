import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { gradeSpanLabel, kindLabel, placeLabel } from '../../organisations/views/organisation-labels.ts';
import type { DirectoryItem } from '../directory.schemas.ts';
import { StatusBadge } from './status-badge.tsx';

/** The results as a table (stacked on small screens): the accessible, primary view. */
export function DirectoryResultsTable({ ctx, items }: { ctx: ViewContext; items: DirectoryItem[] }) {
  const { t } = ctx;
  const col = (key: string) => t(`directory:results.${key}`);
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption class="usa-sr-only">{col('caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{col('name')}</th>
          <th scope="col">{col('kind')}</th>
          <th scope="col">{col('location')}</th>
          <th scope="col">{col('center')}</th>
          <th scope="col">{col('grades')}</th>
          <th scope="col">{col('status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <tr>
            <th scope="row" data-label={col('name')}>
              <a class="usa-link" href={`/directory/${o.slug}`}>{o.name}</a>
            </th>
            <td data-label={col('kind')}>{kindLabel(t, o.kind)}</td>
            <td data-label={col('location')}>{placeLabel(o.city, o.state)}</td>
            <td data-label={col('center')}>{o.center && <a class="usa-link" href={`/directory/${o.center.slug}`}>{o.center.name}</a>}</td>
            <td data-label={col('grades')}>{gradeSpanLabel(t, o.grade_low, o.grade_high) ?? ''}</td>
            <td data-label={col('status')}>
              <StatusBadge t={t} status={o.affiliation_status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
