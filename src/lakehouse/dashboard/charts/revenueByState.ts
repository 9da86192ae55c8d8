import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { revenueRows } from '../indexSources';

/**
 * Revenue, orders and customers by customer state under the category and month filters;
 * unfiltered, the rows of gold.revenue_by_state. customers are distinct, counted once per
 * state under each filter combination (the index's grouping sets).
 */
export const revenueByState: DashboardChart = {
  id: 'revenueByState',
  index: {
    name: 'revenue_by_state',
    dimensions: ['category', 'month'],
    groups: ['customer_state'],
    measures: { revenue: 'sum(revenue)', orders: 'count(DISTINCT order_key)', customers: 'count(DISTINCT customer_key)' },
    source: revenueRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first()}customer_state, revenue::DOUBLE AS revenue, orders::INTEGER AS orders, customers::INTEGER AS customers
FROM (${cells})
ORDER BY ${k.first()}revenue DESC, customer_state`;
  },
};
