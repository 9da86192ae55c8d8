import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { revenueLines } from '../revenueLines';

/**
 * Revenue and orders by purchase month under the state and category filters; unfiltered,
 * the rows of gold.revenue_monthly. month is text, `YYYY-MM-01`: the month filter's form.
 */
export const revenueMonthly: DashboardChart = {
  id: 'revenueMonthly',
  dimension: 'month',
  sql(filter) {
    return `WITH lines AS (
  ${revenueLines(withoutDimension(filter, 'month'))}
)
SELECT
  strftime(date_trunc('month', purchased_at), '%Y-%m-01') AS month,
  sum(revenue)::DOUBLE AS revenue,
  count(DISTINCT order_id)::INTEGER AS orders
FROM lines
GROUP BY ALL
ORDER BY month`;
  },
};
