import { seriesClass } from '../../../platform/charts/chart-types.ts';
import { shorten } from '../../../platform/charts/scale.ts';
import { SvgFrame } from '../../../platform/charts/svg-frame.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { HistoryCell, LevelPoint, SchoolHistory } from '../assessment-history.service.ts';

const W = 720;
const LABEL_WIDTH = 220;
const BAR = 12;
const M = { right: 24, top: 8, bottom: 36 };

const levelText = (ctx: ViewContext, p: LevelPoint | null) => (p ? ctx.t('assessment-history:history.level', { name: p.name, position: p.position }) : null);

/** A cell in words: "Developing (2) / Early (1)", or why there is no level. */
function cellText(ctx: ViewContext, cell: HistoryCell, reviewed: boolean): string {
  const { t } = ctx;
  if (!cell.inVersion) return t('assessment-history:history.notInVersion');
  const school = levelText(ctx, cell.school) ?? t('assessment-history:history.notRated');
  if (!reviewed) return school;
  return `${school} / ${levelText(ctx, cell.coach) ?? t('assessment-history:history.notRated')}`;
}

/**
 * Levels as horizontal bars: a row per benchmark, a bar per school year (length = the level's
 * position on its own version's rubric), the coach's level as a dark tick across the bar. A
 * benchmark a year's version did not have is a gap (a dash), never a zero-length bar.
 */
function LevelChart({ ctx, h }: { ctx: ViewContext; h: SchoolHistory }) {
  const { t } = ctx;
  const rowHeight = h.years.length * BAR + 10;
  const height = M.top + h.rows.length * rowHeight + M.bottom;
  const x0 = LABEL_WIDTH;
  const x1 = W - M.right;
  const x = (v: number) => x0 + ((x1 - x0) * v) / Math.max(1, h.maxLevels);
  const bottom = M.top + h.rows.length * rowHeight;
  const ticks = Array.from({ length: h.maxLevels }, (_, i) => i + 1);
  const text = {
    id: 'history-chart',
    title: t('assessment-history:history.chartTitle', { framework: h.framework?.name ?? '' }),
    description: t('assessment-history:history.chartDescription', { benchmarks: h.rows.length, years: h.years.map((y) => y.cycle.school_year).join(', '), levels: h.maxLevels }),
    emptyText: t('assessment-history:history.empty'),
  };
  return (
    <SvgFrame text={text} width={W} height={height}>
      <g class="hub-chart__grid">
        {ticks.map((v) => (
          <g>
            <line x1={x(v)} x2={x(v)} y1={M.top} y2={bottom} />
            <text x={x(v)} y={bottom + 16} text-anchor="end" class="hub-chart__tick">
              {shorten(h.scale.length === h.maxLevels ? `${v} ${h.scale[v - 1]!.name}` : String(v), 16)}
            </text>
          </g>
        ))}
        <line x1={x0} x2={x0} y1={M.top} y2={bottom} class="hub-chart__baseline" />
      </g>
      {h.rows.map((row, ri) => {
        const top = M.top + ri * rowHeight + 5;
        return (
          <g>
            <text x={x0 - 8} y={top + (h.years.length * BAR) / 2} dy="0.32em" text-anchor="end" class="hub-chart__label">
              {shorten(row.name, 30)}
            </text>
            {row.cells.map((cell, yi) => {
              const y = top + yi * BAR;
              if (!cell.school) {
                return (
                  <text x={x0 + 6} y={y + BAR / 2} dy="0.32em" class="hub-history__gap">
                    —
                  </text>
                );
              }
              return (
                <g class={`hub-chart__bars ${seriesClass(yi)}`}>
                  <rect x={x0} y={y + 1} width={x(cell.school.position) - x0} height={BAR - 2} />
                  {cell.coach && <line class="hub-history__coach" x1={x(cell.coach.position)} x2={x(cell.coach.position)} y1={y - 1} y2={y + BAR + 1} />}
                </g>
              );
            })}
          </g>
        );
      })}
    </SvgFrame>
  );
}

/** The same levels as a table: rows benchmarks, columns years, cells "school level / coach level". */
function HistoryTable({ ctx, h }: { ctx: ViewContext; h: SchoolHistory }) {
  const { t } = ctx;
  return (
    <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="history-table-caption">
      <table class="usa-table usa-table--compact usa-table--striped">
        <caption id="history-table-caption">{t('assessment-history:history.tableCaption', { framework: h.framework?.name ?? '' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment-history:fields.benchmark')}</th>
            {h.years.map((y) => (
              <th scope="col">
                {y.cycle.school_year}
                <br />
                <span class="text-normal font-body-3xs">
                  {t('assessment-history:history.versionOf', { version: y.versionNumber })} · {t(`assessment-history:status.${y.cycle.status}`)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {h.rows.map((row) => (
            <tr>
              <th scope="row">{row.name}</th>
              {row.cells.map((cell, i) => (
                <td>{cellText(ctx, cell, h.years[i]!.reviewed)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /assessment/schools/:slug/history — a school's levels per benchmark across its cycles. */
export function HistoryPage({ ctx, h }: { ctx: ViewContext; h: SchoolHistory }) {
  const { t } = ctx;
  const base = `/assessment/schools/${encodeURIComponent(h.school.slug)}/history`;
  const title = t('assessment-history:history.title', { school: h.school.name });
  return (
    <Layout ctx={ctx} title={title} head={<link rel="stylesheet" href="/assets/assessment-report.css" />}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('assessment-history:history.lead')}</p>
      {h.frameworks.length > 1 && (
        <nav aria-label={t('assessment-history:history.pickFramework')} class="margin-bottom-3 no-print">
          <ul class="usa-button-group">
            {h.frameworks.map(({ framework, cycles }) => (
              <li class="usa-button-group__item">
                <a
                  class={`usa-button${framework.id === h.framework?.id ? '' : ' usa-button--outline'}`}
                  href={`${base}?framework=${encodeURIComponent(framework.slug)}`}
                  aria-current={framework.id === h.framework?.id ? 'page' : undefined}
                >
                  {t('assessment-history:history.frameworkChoice', { name: framework.name, count: cycles })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {h.years.length === 0 ? (
        <p>{t('assessment-history:history.empty')}</p>
      ) : (
        <>
          <figure class="hub-chart" aria-labelledby="history-chart-caption">
            <figcaption id="history-chart-caption" class="hub-chart__caption">
              {t('assessment-history:history.chartTitle', { framework: h.framework?.name ?? '' })}
            </figcaption>
            <LevelChart ctx={ctx} h={h} />
            <ul class="hub-chart__legend">
              {h.years.map((y, i) => (
                <li>
                  <span class={`hub-chart__swatch ${seriesClass(i)}`} aria-hidden="true"></span>
                  {y.cycle.school_year}
                </li>
              ))}
              <li>{t('assessment-history:history.coachMarker')}</li>
              <li>{t('assessment-history:history.gapMarker')}</li>
            </ul>
          </figure>
          <HistoryTable ctx={ctx} h={h} />
          <h2>{t('assessment-history:history.cyclesHeading')}</h2>
          <ul class="usa-list">
            {[...h.years].reverse().map((y) => (
              <li>
                <a class="usa-link" href={`/assessment/${y.cycle.id}`}>
                  {t('assessment-history:history.cycleLink', { year: y.cycle.school_year, version: y.versionNumber })}
                </a>{' '}
                ({t(`assessment-history:status.${y.cycle.status}`)}) ·{' '}
                <a class="usa-link" href={`/assessment/${y.cycle.id}/report`}>
                  {t('assessment-history:history.reportLink', { year: y.cycle.school_year })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
