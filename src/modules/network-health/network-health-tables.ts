import type { ChartData } from '../../platform/charts/chart-types.ts';
import type { CsvTable } from '../../platform/csv/csv-export.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { US_STATES } from '../organisations/us-states.ts';
import type { NetworkHealthReport } from './network-health.schemas.ts';

/** The report's three tables, each drawn as a chart, shown as a table and downloadable as CSV. */
export const TABLES = ['months', 'centers', 'states'] as const;
export type NetworkHealthTable = (typeof TABLES)[number];

/** One table's rows as chart data: category labels and one series per numeric column. */
export function tableData(report: NetworkHealthReport, table: NetworkHealthTable, t: Translate): ChartData {
  if (table === 'months') {
    return {
      categories: report.months.map((m) => m.month),
      series: [
        { label: t('network-health:series.new'), values: report.months.map((m) => m.new) },
        { label: t('network-health:series.renewed'), values: report.months.map((m) => m.renewed) },
        { label: t('network-health:series.lapsed'), values: report.months.map((m) => m.lapsed) },
        { label: t('network-health:series.current'), values: report.months.map((m) => m.currentAtMonthEnd) },
      ],
    };
  }
  if (table === 'centers') {
    return {
      categories: report.byCenter.map((c) => c.centerName ?? t('network-health:noCenter')),
      series: [{ label: t('network-health:series.current'), values: report.byCenter.map((c) => c.current) }],
    };
  }
  return {
    categories: report.byState.map((s) => (s.state ? (US_STATES[s.state as keyof typeof US_STATES] ?? s.state) : t('network-health:noState'))),
    series: [{ label: t('network-health:series.current'), values: report.byState.map((s) => s.current) }],
  };
}

/** The header of each table's first column. */
export const categoryHeader = (table: NetworkHealthTable, t: Translate) => t(`network-health:columns.${table}`);

/** A table for the CSV download: the same rows and columns as on the page. */
export function csvTable(report: NetworkHealthReport, table: NetworkHealthTable, t: Translate): CsvTable {
  const data = tableData(report, table, t);
  return {
    header: [categoryHeader(table, t), ...data.series.map((s) => s.label)],
    rows: data.categories.map((c, i) => [c, ...data.series.map((s) => s.values[i])]),
  };
}
