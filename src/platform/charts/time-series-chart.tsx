import type { ChartData, ChartText } from './chart-types.ts';
import { isEmptyChart, seriesClass } from './chart-types.ts';
import { niceAxis, position, shorten, tickFormatter } from './scale.ts';
import { EmptyChart, SvgFrame } from './svg-frame.tsx';

const W = 720;
const H = 320;
const M = { left: 64, right: 16, top: 16, bottom: 44 };
/** Minimum room per x label, in viewBox units, before labels are thinned out. */
const LABEL_ROOM = 56;

/**
 * A line or column chart of several series over ordered categories (usually months). Values are
 * counts by default (whole-number ticks); x labels are thinned so they never overlap.
 */
export function TimeSeriesChart(props: { text: ChartText; data: ChartData; kind?: 'line' | 'column'; locale?: string; integer?: boolean }) {
  const { data, text } = props;
  if (isEmptyChart(data)) return <EmptyChart text={text} width={W} height={H} />;
  const kind = props.kind ?? 'line';
  const all = data.series.flatMap((s) => s.values.filter(Number.isFinite));
  const axis = niceAxis(Math.min(0, ...all), Math.max(0, ...all), { integer: props.integer ?? true });
  const fmt = tickFormatter(axis, props.locale ?? 'en');
  const plot = { x0: M.left, x1: W - M.right, y0: H - M.bottom, y1: M.top };
  const n = data.categories.length;
  const band = (plot.x1 - plot.x0) / n;
  // Lines put points at band centres too, so a single point sits in the middle, not on the axis.
  const cx = (i: number) => plot.x0 + band * (i + 0.5);
  const y = (v: number) => position(axis, v, plot.y0, plot.y1);
  const every = Math.max(1, Math.ceil((n * LABEL_ROOM) / (plot.x1 - plot.x0)));
  const groupWidth = band * 0.8;
  const colWidth = groupWidth / data.series.length;
  return (
    <SvgFrame text={text} width={W} height={H}>
      <g class="hub-chart__grid">
        {axis.ticks.map((t) => (
          <g>
            <line x1={plot.x0} x2={plot.x1} y1={y(t)} y2={y(t)} class={t === 0 ? 'hub-chart__baseline' : undefined} />
            <text x={plot.x0 - 8} y={y(t)} dy="0.32em" text-anchor="end" class="hub-chart__tick">
              {fmt(t)}
            </text>
          </g>
        ))}
      </g>
      <g class="hub-chart__x-labels">
        {data.categories.map((c, i) =>
          i % every === 0 ? (
            <text x={cx(i)} y={plot.y0 + 20} text-anchor="middle" class="hub-chart__tick">
              {shorten(c, 10)}
            </text>
          ) : null,
        )}
      </g>
      {data.series.map((s, si) =>
        kind === 'column' ? (
          <g class={`hub-chart__columns ${seriesClass(si)}`}>
            {s.values.map((v, i) => {
              const top = y(Math.max(0, v));
              return <rect x={cx(i) - groupWidth / 2 + si * colWidth} y={top} width={Math.max(1, colWidth - 1)} height={Math.max(0, y(Math.min(0, v)) - top)} />;
            })}
          </g>
        ) : (
          <g class={`hub-chart__line ${seriesClass(si)}`}>
            {n > 1 && <polyline points={s.values.map((v, i) => `${cx(i)},${y(v)}`).join(' ')} />}
            {s.values.map((v, i) => (
              <circle cx={cx(i)} cy={y(v)} r={n > 40 ? 2 : 3.5} />
            ))}
          </g>
        ),
      )}
    </SvgFrame>
  );
}
