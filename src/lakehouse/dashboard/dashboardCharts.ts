import type { ChartId } from './chartId';
import type { DashboardChart } from './dashboardChart';
import { validateFilter, type DashboardFilter } from './dashboardFilter';
import { clvHistogram } from './charts/clvHistogram';
import { customerSegments } from './charts/customerSegments';
import { delayHistogram } from './charts/delayHistogram';
import { deliveryByState } from './charts/deliveryByState';
import { revenueByCategory } from './charts/revenueByCategory';
import { revenueByLocation } from './charts/revenueByLocation';
import { revenueByState } from './charts/revenueByState';
import { revenueMonthly } from './charts/revenueMonthly';
import { rfmSegments } from './charts/rfmSegments';

export const DASHBOARD_CHARTS: Record<ChartId, DashboardChart> = {
  revenueByCategory,
  revenueByState,
  revenueByLocation,
  revenueMonthly,
  deliveryByState,
  delayHistogram,
  rfmSegments,
  clvHistogram,
  customerSegments,
};

/** The SQL behind a chart under a filter (validated here: bad input throws, never reaches SQL). */
export function chartQuery(chart: ChartId, filter: DashboardFilter): string {
  const definition = DASHBOARD_CHARTS[chart];
  if (!definition) throw new Error(`There is no dashboard chart ${JSON.stringify(chart)}.`);
  return definition.sql(validateFilter(filter));
}
