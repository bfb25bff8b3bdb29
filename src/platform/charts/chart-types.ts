/** One named row of numbers, one per category (month, center, state …). */
export interface ChartSeries {
  label: string;
  values: number[];
}

/** What every chart draws: categories along one axis, one or more series of values. */
export interface ChartData {
  categories: string[];
  series: ChartSeries[];
}

/** The words a chart needs, already translated by the page. */
export interface ChartText {
  /** Unique on the page: the SVG's title and desc get ids from it. */
  id: string;
  title: string;
  /** A sentence or two saying what the chart shows and its main finding. */
  description: string;
  /** Shown instead of a drawing when there is nothing to draw. */
  emptyText: string;
}

/** Series get these classes in order (colour plus dash pattern, so print in grey still tells them apart). */
export const SERIES_CLASSES = 6;
export const seriesClass = (i: number) => `hub-chart__s${(i % SERIES_CLASSES) + 1}`;

/** Whether there is anything to draw. */
export const isEmptyChart = (data: ChartData) => data.categories.length === 0 || data.series.length === 0;
