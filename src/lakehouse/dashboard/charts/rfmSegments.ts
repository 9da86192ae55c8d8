import type { DashboardChart } from '../dashboardChart';
import { customerCells } from '../customerCells';

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
  sql(filter) {
    const order = `[${RFM_SEGMENTS.map((s) => `'${s}'`).join(', ')}]`;
    return `SELECT
  segment,
  sum(customers)::INTEGER AS customers,
  sum(revenue)::DOUBLE AS revenue,
  (sum(customers) / sum(sum(customers)) OVER ())::DOUBLE AS customer_share,
  (sum(revenue) / sum(sum(revenue)) OVER ())::DOUBLE AS revenue_share
FROM (${customerCells(filter)})
GROUP BY segment
ORDER BY list_position(${order}, segment)`;
  },
};
