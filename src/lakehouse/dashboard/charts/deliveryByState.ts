import { CHART_DIMENSIONS } from '../chartId';
import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { deliveryCells } from '../deliveryCells';

/**
 * On-time rate and average delay by customer state, over the non-outlier deliveries
 * under the category and month filters. The measures are gold.delivery_by_state's
 * (unfiltered, its rows), re-averaged from cells: on_time_rate = 1 - avg(is_late) (over
 * deliveries with an estimate), avg_delay_days = avg(delay_days) (positive = late),
 * avg_delivery_days = avg(delivery_days).
 */
export const deliveryByState: DashboardChart = {
  id: 'deliveryByState',
  sql(filter) {
    return `SELECT
  customer_state,
  sum(deliveries)::INTEGER AS orders,
  (1 - sum(late) / nullif(sum(rated), 0))::DOUBLE AS on_time_rate,
  (sum(delay_days * deliveries) / nullif(sum(deliveries) FILTER (WHERE delay_days IS NOT NULL), 0))::DOUBLE AS avg_delay_days,
  (sum(delivery_days_sum) / sum(deliveries))::DOUBLE AS avg_delivery_days
FROM (${deliveryCells(withoutDimension(filter, CHART_DIMENSIONS.deliveryByState))})
GROUP BY customer_state
ORDER BY on_time_rate, customer_state`;
  },
};
