import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { orderConditions, where } from '../orderConditions';

/**
 * On-time rate and average delay by customer state, over the non-outlier deliveries of
 * gold.delivery_performance under the category and month filters. The measures are
 * gold.delivery_by_state's (unfiltered, its rows): on_time_rate = 1 - avg(is_late),
 * avg_delay_days = avg(delay_days) (positive = late), avg_delivery_days.
 */
export const deliveryByState: DashboardChart = {
  id: 'deliveryByState',
  dimension: 'customerState',
  sql(filter) {
    const conditions = ['NOT d.is_outlier', ...orderConditions(withoutDimension(filter, 'customerState'), 'd')];
    return `SELECT
  d.customer_state,
  count(*)::INTEGER AS orders,
  (1 - avg(d.is_late::INTEGER))::DOUBLE AS on_time_rate,
  avg(d.delay_days)::DOUBLE AS avg_delay_days,
  avg(d.delivery_days)::DOUBLE AS avg_delivery_days
FROM gold.delivery_performance AS d
${where(conditions)}
GROUP BY d.customer_state
ORDER BY on_time_rate, d.customer_state`;
  },
};
