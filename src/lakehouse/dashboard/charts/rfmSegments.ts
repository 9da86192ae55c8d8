import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { customerRows } from '../indexSources';

/** DESIGN.md §6's segments, in the order of its rules (best customers first). */
export const RFM_SEGMENTS = ['Champions', 'Loyal', 'New', 'Promising', 'Needs attention', 'At risk', 'Hibernating'] as const;

/**
 * Customers and revenue by RFM segment (gold.rfm) under the filter: the customers with
 * revenue under it, in their whole-history segment, and that revenue, in RFM_SEGMENTS
 * order. A segment without customers has no row (the chart keeps its place). Revenue of
 * orders whose customer is unknown has no segment and is left out of the shares.
 */
export const rfmSegments: DashboardChart = {
  id: 'rfmSegments',
  index: {
    name: 'rfm_segments',
    dimensions: ['customerState', 'category', 'month'],
    groups: ['segment'],
    measures: { customers: 'count(DISTINCT customer_key)', revenue: 'sum(revenue)' },
    source: customerRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    const order = `[${RFM_SEGMENTS.map((s) => `'${s}'`).join(', ')}]`;
    return `SELECT ${k.first()}
  segment,
  customers::INTEGER AS customers,
  revenue::DOUBLE AS revenue,
  (customers / sum(customers) OVER (${k.partition()}))::DOUBLE AS customer_share,
  (revenue / sum(revenue) OVER (${k.partition()}))::DOUBLE AS revenue_share
FROM (${cells})
ORDER BY ${k.first()}list_position(${order}, segment)`;
  },
};
