import type { DashboardChart } from '../dashboardChart';
import { orderConditions, where } from '../orderConditions';

/**
 * Orders by delivery delay against the estimate (gold.delivery_performance.delay_days, in
 * whole days, positive = late), non-outlier deliveries with an estimate, under the filter.
 * The tails are folded into the end bins at the 0.5 % and 99.5 % quantiles of all
 * deliveries, so the axis stays the same while the filter changes and a few extreme
 * deliveries do not squeeze the rest into a line. share = the bin's part of the orders.
 */
export const delayHistogram: DashboardChart = {
  id: 'delayHistogram',
  sql(filter) {
    const conditions = ['NOT d.is_outlier', 'd.delay_days IS NOT NULL', ...orderConditions(filter, 'd')];
    return `WITH bounds AS (
  SELECT
    floor(quantile_cont(delay_days, 0.005))::INTEGER AS lo,
    ceil(quantile_cont(delay_days, 0.995))::INTEGER AS hi
  FROM gold.delivery_performance
  WHERE NOT is_outlier
),
binned AS (
  SELECT greatest(least(d.delay_days, b.hi), b.lo) AS delay_days, b.lo, b.hi
  FROM gold.delivery_performance AS d, bounds AS b
  ${where(conditions)}
)
SELECT
  delay_days,
  CASE WHEN delay_days = lo AND lo < 0 THEN '≤ ' || lo WHEN delay_days = hi AND hi > 0 THEN '≥ ' || hi ELSE delay_days::VARCHAR END AS label,
  count(*)::INTEGER AS orders,
  (count(*) / sum(count(*)) OVER ())::DOUBLE AS share,
  delay_days > 0 AS is_late
FROM binned
GROUP BY delay_days, lo, hi
ORDER BY delay_days`;
  },
};
