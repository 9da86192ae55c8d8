import type { ChartId } from './chartId';
import type { ChartIndex } from './chartIndex';
import type { DashboardFilter } from './dashboardFilter';

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
  /** The rows from `cells`, a subquery with the index's groups and measures. */
  rows(cells: string, filter: DashboardFilter): string;
}
