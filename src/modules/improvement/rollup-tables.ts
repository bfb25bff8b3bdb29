import type { ChartData } from '../../platform/charts/chart-types.ts';
import type { CsvTable } from '../../platform/csv/csv-export.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { BenchmarkLevels, LevelDistribution, LevelsOverCycles } from '../assessment/assessment-rollup.service.ts';
import type { NetworkRollup } from './improvement.service.ts';

// The roll-ups as chart data and as CSV: the same numbers the page's tables show.

/** A share of a total as a percentage with one decimal (0 when the total is 0). */
export const percent = (n: number, total: number): number => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);

/** Schools per level (one series per level) for each benchmark. */
export function distributionChart(d: LevelDistribution): ChartData {
  return { categories: d.benchmarks.map((b) => b.name), series: d.levels.map((l, i) => ({ label: l.name, values: d.benchmarks.map((b) => b.counts[i] ?? 0) })) };
}

/** One benchmark's share of schools at each level, per school year. */
export function overCyclesChart(o: LevelsOverCycles, key: string | null): ChartData {
  const b = o.benchmarks.find((x) => x.key === key);
  if (!b) return { categories: [], series: [] };
  return { categories: o.years, series: o.levels.map((l, i) => ({ label: l.name, values: b.byYear.map((y: BenchmarkLevels) => percent(y.counts[i] ?? 0, y.total)) })) };
}

/** Active engagements and coaching hours per benchmark. */
export function concentrationChart(r: NetworkRollup, t: Translate): ChartData {
  return {
    categories: r.concentration.map((c) => c.name),
    series: [
      { label: t('improvement:rollup.concentration.engagements'), values: r.concentration.map((c) => c.engagements) },
      { label: t('improvement:rollup.concentration.hours'), values: r.concentration.map((c) => Math.round(c.minutes / 6) / 10) },
    ],
  };
}

/** The distribution as a CSV table: per benchmark, schools and percentage at each level, then the total. */
export function distributionCsv(d: LevelDistribution, t: Translate): CsvTable {
  return {
    header: [t('improvement:rollup.benchmark'), ...d.levels.flatMap((l) => [l.name, t('improvement:rollup.percentOf', { level: l.name })]), t('improvement:rollup.total')],
    rows: d.benchmarks.map((b) => [b.name, ...d.levels.flatMap((_, i) => [b.counts[i] ?? 0, percent(b.counts[i] ?? 0, b.total)]), b.total]),
  };
}
