import type { DashboardChart } from '../dashboardChart';
import { customerConditions } from '../customerConditions';
import { where } from '../orderConditions';

/** Bins below the overflow bin. */
export const CLV_BINS = 20;

/**
 * Customers by predicted 12-month CLV (gold.customer_ltv.predicted_clv) under the filter.
 * The bin width is a round number (1, 2 or 5 × 10^k) that puts the 99th percentile of all
 * customers near the last of CLV_BINS bins, so bins stay put while the filter changes;
 * customers above go into one overflow bin (is_overflow), drawn one bin wide: its clv_to is
 * where the bar ends, not a bound on the values in it.
 */
export const clvHistogram: DashboardChart = {
  id: 'clvHistogram',
  sql(filter) {
    return `WITH target AS (
  SELECT greatest(coalesce(quantile_cont(predicted_clv, 0.99), 0), 1) / ${CLV_BINS} AS raw FROM gold.customer_ltv
),
width AS (
  SELECT raw, pow(10, floor(log10(raw))) AS magnitude FROM target
),
step AS (
  SELECT magnitude * CASE WHEN raw <= magnitude THEN 1 WHEN raw <= 2 * magnitude THEN 2 WHEN raw <= 5 * magnitude THEN 5 ELSE 10 END AS width
  FROM width
),
binned AS (
  SELECT least(floor(l.predicted_clv / s.width), ${CLV_BINS})::INTEGER AS bin, s.width
  FROM gold.customer_ltv AS l, step AS s
  ${where(customerConditions(filter, 'l'))}
)
SELECT
  (bin * width)::DOUBLE AS clv_from,
  ((bin + 1) * width)::DOUBLE AS clv_to,
  count(*)::INTEGER AS customers,
  (count(*) / sum(count(*)) OVER ())::DOUBLE AS share,
  bin = ${CLV_BINS} AS is_overflow
FROM binned
GROUP BY bin, width
ORDER BY bin`;
  },
};
