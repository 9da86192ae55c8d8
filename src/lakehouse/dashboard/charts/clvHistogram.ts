import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { customerRows } from '../indexSources';

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
  index: {
    name: 'clv_histogram',
    dimensions: ['customerState', 'category', 'month'],
    groups: ['clv_bin'],
    measures: { customers: 'count(DISTINCT customer_key)' },
    source: customerRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first('c')}
  (c.clv_bin * s.clv_width)::DOUBLE AS clv_from,
  ((c.clv_bin + 1) * s.clv_width)::DOUBLE AS clv_to,
  c.customers::INTEGER AS customers,
  (c.customers / sum(c.customers) OVER (${k.partition('c')}))::DOUBLE AS share,
  c.clv_bin = ${CLV_BINS} AS is_overflow
FROM (${cells}) AS c, dashboard.scales AS s
ORDER BY ${k.first('c')}c.clv_bin`;
  },
};
