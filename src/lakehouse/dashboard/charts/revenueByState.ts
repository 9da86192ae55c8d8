import { CHART_DIMENSIONS } from '../chartId';
import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { revenueLines } from '../revenueLines';

/**
 * Revenue, orders and customers by customer state under the category and month filters;
 * unfiltered, the rows of gold.revenue_by_state.
 */
export const revenueByState: DashboardChart = {
  id: 'revenueByState',
  sql(filter) {
    return `WITH lines AS (
  ${revenueLines(withoutDimension(filter, CHART_DIMENSIONS.revenueByState))}
)
SELECT
  customer_state,
  sum(revenue)::DOUBLE AS revenue,
  count(DISTINCT order_key)::INTEGER AS orders,
  count(DISTINCT customer_key)::INTEGER AS customers
FROM lines
GROUP BY customer_state
ORDER BY sum(revenue) DESC, customer_state`;
  },
};
