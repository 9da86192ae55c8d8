import type { DashboardChart } from '../dashboardChart';
import { deliveryCells } from '../deliveryCells';

/**
 * Orders by delivery delay against the estimate (gold.delivery_performance.delay_days, in
 * whole days, positive = late), non-outlier deliveries with an estimate, under the filter.
 * The tails are folded into the end bins (dashboard.scales: the 0.5 % and 99.5 %
 * quantiles of all deliveries), so the bins stay put while the filter changes and a few
 * extreme deliveries do not squeeze the rest into a line. share = the bin's part of the orders.
 */
export const delayHistogram: DashboardChart = {
  id: 'delayHistogram',
  sql(filter) {
    return `WITH binned AS (
  SELECT greatest(least(c.delay_days, s.delay_hi), s.delay_lo) AS delay_days, s.delay_lo AS lo, s.delay_hi AS hi, c.deliveries
  FROM (${deliveryCells(filter)}) AS c, dashboard.scales AS s
  WHERE c.delay_days IS NOT NULL
)
SELECT
  delay_days,
  CASE WHEN delay_days = lo AND lo < 0 THEN '≤ ' || lo WHEN delay_days = hi AND hi > 0 THEN '≥ ' || hi ELSE delay_days::VARCHAR END AS label,
  sum(deliveries)::INTEGER AS orders,
  (sum(deliveries) / sum(sum(deliveries)) OVER ())::DOUBLE AS share,
  delay_days > 0 AS is_late
FROM binned
GROUP BY delay_days, lo, hi
ORDER BY delay_days`;
  },
};
