import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { revenueRows } from '../indexSources';

/**
 * Revenue and orders by purchase month under the state and category filters; unfiltered,
 * the rows of gold.revenue_monthly. month is text, `YYYY-MM-01`: the month filter's form.
 */
export const revenueMonthly: DashboardChart = {
  id: 'revenueMonthly',
  index: {
    name: 'revenue_monthly',
    dimensions: ['customerState', 'category'],
    groups: ['month'],
    measures: { revenue: 'sum(revenue)', orders: 'count(DISTINCT order_key)' },
    source: revenueRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first()}strftime(month, '%Y-%m-01') AS month, revenue::DOUBLE AS revenue, orders::INTEGER AS orders
FROM (${cells})
ORDER BY ${k.first()}month`;
  },
};
