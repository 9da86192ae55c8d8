import type { ChartId } from './chartId';
import type { DashboardFilter, FilterDimension } from './dashboardFilter';

/** One chart's query: the SQL behind it under a (validated) filter. */
export interface DashboardChart {
  id: ChartId;
  /**
   * The filter dimension the chart is drawn along, if any. Its query ignores that part of
   * the filter (every state stays on the state chart, the selected one highlighted), so
   * that another value can be picked from it: the usual cross-filtering behaviour.
   */
  dimension?: FilterDimension;
  sql(filter: DashboardFilter): string;
}
