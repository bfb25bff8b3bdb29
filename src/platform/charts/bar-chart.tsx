import type { ChartData, ChartText } from './chart-types.ts';
import { isEmptyChart, seriesClass } from './chart-types.ts';
import { niceAxis, position, shorten, tickFormatter } from './scale.ts';
import { EmptyChart, SvgFrame } from './svg-frame.tsx';

const W = 720;
const LABEL_WIDTH = 200;
const ROW = 30;
const M = { right: 64, top: 8, bottom: 32 };

/**
 * Horizontal bars by category (center, state …), one bar per series in each row, each labelled
 * with its value. Long category names are shortened in the drawing; the table keeps them whole.
 */
export function BarChart(props: { text: ChartText; data: ChartData; locale?: string; integer?: boolean }) {
  const { data, text } = props;
  if (isEmptyChart(data)) return <EmptyChart text={text} width={W} height={120} />;
  const height = M.top + data.categories.length * ROW + M.bottom;
  const all = data.series.flatMap((s) => s.values.filter(Number.isFinite));
  const axis = niceAxis(Math.min(0, ...all), Math.max(0, ...all), { integer: props.integer ?? true, target: 4 });
  const fmt = tickFormatter(axis, props.locale ?? 'en');
  const full = new Intl.NumberFormat(props.locale ?? 'en');
  const x0 = LABEL_WIDTH;
  const x1 = W - M.right;
  const x = (v: number) => position(axis, v, x0, x1);
  const bottom = M.top + data.categories.length * ROW;
  const barHeight = (ROW * 0.7) / data.series.length;
  return (
    <SvgFrame text={text} width={W} height={height}>
      <g class="hub-chart__grid">
        {axis.ticks.map((t) => (
          <g>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={bottom} class={t === 0 ? 'hub-chart__baseline' : undefined} />
            <text x={x(t)} y={bottom + 18} text-anchor="middle" class="hub-chart__tick">
              {fmt(t)}
            </text>
          </g>
        ))}
      </g>
      {data.categories.map((c, i) => {
        const rowTop = M.top + i * ROW + ROW * 0.15;
        return (
          <g>
            <text x={x0 - 8} y={M.top + i * ROW + ROW / 2} dy="0.32em" text-anchor="end" class="hub-chart__label">
              {shorten(c, 28)}
            </text>
            {data.series.map((s, si) => {
              const v = s.values[i] ?? 0;
              const left = x(Math.min(0, v));
              const right = x(Math.max(0, v));
              return (
                <g class={`hub-chart__bars ${seriesClass(si)}`}>
                  <rect x={left} y={rowTop + si * barHeight} width={Math.max(v === 0 ? 0 : 1, right - left)} height={Math.max(1, barHeight - 1)} />
                  <text x={right + 4} y={rowTop + si * barHeight + barHeight / 2} dy="0.32em" class="hub-chart__value">
                    {full.format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </SvgFrame>
  );
}
