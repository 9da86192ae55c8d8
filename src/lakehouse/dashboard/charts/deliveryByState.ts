import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { deliveryRows } from '../indexSources';

/**
 * On-time rate and average delay by customer state, over the non-outlier deliveries
 * under the category and month filters. The measures are gold.delivery_by_state's
 * (unfiltered, its rows), from the parts the index keeps: on_time_rate = 1 - avg(is_late)
 * (avg skips NULLs: rated counts the rest), avg_delay_days = avg(delay_days) (positive =
 * late), avg_delivery_days = avg(delivery_days).
 */
export const deliveryByState: DashboardChart = {
  id: 'deliveryByState',
  index: {
    name: 'delivery_by_state',
    dimensions: ['category', 'month'],
    groups: ['customer_state'],
    measures: {
      deliveries: 'count(*)',
      rated: 'count(is_late)',
      late: 'count(*) FILTER (WHERE is_late)',
      delayed: 'count(delay_days)',
      delay_days_sum: 'sum(delay_days)',
      delivery_days_sum: 'sum(delivery_days)',
    },
    source: deliveryRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first()}
  customer_state,
  deliveries::INTEGER AS orders,
  (1 - late / nullif(rated, 0))::DOUBLE AS on_time_rate,
  (delay_days_sum / nullif(delayed, 0))::DOUBLE AS avg_delay_days,
  (delivery_days_sum / deliveries)::DOUBLE AS avg_delivery_days
FROM (${cells})
ORDER BY ${k.first()}on_time_rate, customer_state`;
  },
};
