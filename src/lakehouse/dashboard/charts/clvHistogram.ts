import type { DashboardChart } from '../dashboardChart';
import { customerCells } from '../customerCells';

/** Bins below the overflow bin. */
export const CLV_BINS = 20;

/**
 * Customers by predicted 12-month CLV (gold.customer_ltv.predicted_clv) under the filter.
 * The bin width (dashboard.scales.clv_width) is a round number that puts the 99th
 * percentile of all customers near the last of CLV_BINS bins, so bins stay put while the
 * filter changes; customers above go into one overflow bin (is_overflow), drawn one bin
 * wide: its clv_to is where the bar ends, not a bound on the values in it.
 */
export const clvHistogram: DashboardChart = {
  id: 'clvHistogram',
  sql(filter) {
    return `WITH binned AS (
  SELECT clv_bin AS bin, sum(customers) AS customers
  FROM (${customerCells(filter)})
  GROUP BY clv_bin
)
SELECT
  (b.bin * s.clv_width)::DOUBLE AS clv_from,
  ((b.bin + 1) * s.clv_width)::DOUBLE AS clv_to,
  b.customers::INTEGER AS customers,
  (b.customers / sum(b.customers) OVER ())::DOUBLE AS share,
  b.bin = ${CLV_BINS} AS is_overflow
FROM binned AS b, dashboard.scales AS s
ORDER BY b.bin`;
  },
};
