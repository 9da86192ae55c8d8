import { withoutDimension, type DashboardFilter, type FilterDimension } from './dashboardFilter';

/** The dashboard's charts, in the order they are laid out. */
export const CHART_IDS = [
  'revenueByCategory',
  'revenueByState',
  'revenueByLocation',
  'revenueMonthly',
  'deliveryByState',
  'delayHistogram',
  'rfmSegments',
  'clvHistogram',
  'customerSegments',
] as const;

export type ChartId = (typeof CHART_IDS)[number];

/**
 * The filter dimension each chart is drawn along, if any. Its query ignores that part of
 * the filter (every state stays on the state chart, the selected one highlighted), so
 * that another value can be picked from it: the usual cross-filtering behaviour.
 */
export const CHART_DIMENSIONS: Record<ChartId, FilterDimension | undefined> = {
  revenueByCategory: 'category',
  revenueByState: 'customerState',
  revenueByLocation: 'customerState',
  revenueMonthly: 'month',
  deliveryByState: 'customerState',
  delayHistogram: undefined,
  rfmSegments: undefined,
  clvHistogram: undefined,
  customerSegments: undefined,
};

/**
 * The part of the filter a chart's rows depend on. When it has not changed, neither have
 * the rows (a click on a state does not change the state chart), so they need no query.
 * The category chart's rows depend on the selected category too (it keeps it among the
 * top bars), so its own dimension stays in.
 */
export function chartFilter(chart: ChartId, filter: DashboardFilter): DashboardFilter {
  return chart === 'revenueByCategory' ? filter : withoutDimension(filter, CHART_DIMENSIONS[chart]);
}
