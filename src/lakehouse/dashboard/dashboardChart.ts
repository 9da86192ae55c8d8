import type { ChartId } from './chartId';
import type { DashboardFilter } from './dashboardFilter';

/**
 * One chart's query: the SQL behind it under a (validated) filter. A chart drawn along a
 * filter dimension (CHART_DIMENSIONS) leaves that dimension out of its WHERE clause.
 */
export interface DashboardChart {
  id: ChartId;
  sql(filter: DashboardFilter): string;
}
