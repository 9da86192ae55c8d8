import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { revenueLines } from '../revenueLines';

/**
 * Revenue, orders and customers by customer state under the category and month filters;
 * unfiltered, the rows of gold.revenue_by_state.
 */
export const revenueByState: DashboardChart = {
  id: 'revenueByState',
  dimension: 'customerState',
  sql(filter) {
    return `WITH lines AS (
  ${revenueLines(withoutDimension(filter, 'customerState'))}
)
SELECT
  customer_state,
  sum(revenue)::DOUBLE AS revenue,
  count(DISTINCT order_id)::INTEGER AS orders,
  count(DISTINCT customer_unique_id)::INTEGER AS customers
FROM lines
GROUP BY customer_state
ORDER BY sum(revenue) DESC, customer_state`;
  },
};
