import type { ChartId } from './chartId';
import type { ChartIndex } from './chartIndex';
import type { DashboardFilter, FilterDimension } from './dashboardFilter';

/**
 * One chart: its pre-aggregated index (the cells it is drawn from, for every combination
 * of the filter dimensions it depends on) and the SQL that turns the cells under a
 * (validated) filter into its rows: shares, ranks, labels, over tens to thousands of cells.
 * A chart drawn along a filter dimension (CHART_DIMENSIONS) leaves that dimension out of
 * its index, so every value of it stays on the chart.
 */
export interface DashboardChart {
  id: ChartId;
  index: ChartIndex;
  /**
   * The rows from `cells`, a subquery with the index's groups and measures. With `keyed`
   * (chartAnswers.ts), `cells` holds every filter combination's cells at once, told apart
   * by an ANSWER_KEY column: the rows are then computed per key (windows partitioned by
   * it), with the key as their first column, ordered by it first.
   */
  rows(cells: string, filter: DashboardFilter, keyed?: Keyed): string;
  /**
   * When the rows depend on the selected value of the chart's own dimension beyond its
   * index's cells (the category chart keeps the selected category among its bars): the
   * dimension, and the column its value must be in for the rows computed without a
   * selection to hold.
   */
  showsSelected?: { dimension: FilterDimension; column: string };
}

/** The column that tells apart the filter combinations in keyed rows. */
export const ANSWER_KEY = 'answer_key';

/** The SQL pieces that make a chart's rows per ANSWER_KEY, or plain when not keyed. */
export interface Keyed {
  /** `answer_key, ` (with the alias given), to start a SELECT list or an ORDER BY. */
  first(alias?: string): string;
  /** `PARTITION BY answer_key` inside OVER (), or nothing. */
  partition(alias?: string): string;
}

const column = (alias?: string) => (alias ? `${alias}.${ANSWER_KEY}` : ANSWER_KEY);

export const KEYED: Keyed = { first: (alias) => `${column(alias)}, `, partition: (alias) => `PARTITION BY ${column(alias)}` };
export const UNKEYED: Keyed = { first: () => '', partition: () => '' };
