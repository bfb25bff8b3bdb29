/**
 * Axis arithmetic for the server-rendered charts. Our own ~50 lines rather than d3-scale: we need
 * only linear "nice" ticks, and a charting package would bring a client runtime we do not want.
 */

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

/** Rounds away binary noise (0.30000000000000004) so tick labels and positions stay exact. */
const tidy = (n: number) => Number.parseFloat(n.toPrecision(12));

/**
 * Round tick values (1, 2 or 5 times a power of ten) covering [min, max] and always including 0,
 * about `target` intervals. With `integer`, steps are whole numbers (counts never get 0.5 ticks).
 */
export function niceAxis(min: number, max: number, opts: { target?: number; integer?: boolean } = {}): Axis {
  const target = opts.target ?? 5;
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) lo = hi = 0;
  if (lo === hi) hi = lo + 1;
  const raw = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  if (opts.integer) step = Math.max(1, Math.ceil(step));
  const start = tidy(Math.floor(lo / step) * step);
  const end = tidy(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v = tidy(v + step)) ticks.push(v);
  return { min: start, max: end, ticks };
}

/** Maps a value on the axis to a coordinate between `from` (at min) and `to` (at max). */
export function position(axis: Axis, value: number, from: number, to: number): number {
  return tidy(from + ((value - axis.min) / (axis.max - axis.min)) * (to - from));
}

/** Formats tick labels: compact (12K, 1.5M) once the axis reaches ten thousand, plain below. */
export function tickFormatter(axis: Axis, locale: string): (n: number) => string {
  const big = Math.max(Math.abs(axis.min), Math.abs(axis.max)) >= 10_000;
  const f = new Intl.NumberFormat(locale, big ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 });
  return (n) => f.format(n);
}

/** Shortens a label for the drawing (the data table beside it always has the full text). */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
