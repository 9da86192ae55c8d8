import { CHART_DIMENSIONS } from '../chartId';
import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { revenueCells } from '../revenueCells';

/**
 * Revenue and orders by purchase month under the state and category filters; unfiltered,
 * the rows of gold.revenue_monthly. month is text, `YYYY-MM-01`: the month filter's form.
 */
export const revenueMonthly: DashboardChart = {
  id: 'revenueMonthly',
  sql(filter) {
    return `SELECT
  strftime(month, '%Y-%m-01') AS month,
  sum(revenue)::DOUBLE AS revenue,
  sum(orders)::INTEGER AS orders
FROM (${revenueCells(withoutDimension(filter, CHART_DIMENSIONS.revenueMonthly))})
GROUP BY month
ORDER BY month`;
  },
};
