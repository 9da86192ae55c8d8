import type { DashboardChart } from '../dashboardChart';
import { revenueLines } from '../revenueLines';

/** DESIGN.md §6's segments, in the order of its rules (best customers first). */
export const RFM_SEGMENTS = ['Champions', 'Loyal', 'New', 'Promising', 'Needs attention', 'At risk', 'Hibernating'] as const;

/**
 * Customers and revenue by RFM segment (gold.rfm) under the filter: the customers with
 * revenue under it, in their whole-history segment, and that revenue. Every segment has a
 * row (zero when empty). Revenue of orders whose customer is unknown has no segment and
 * is left out of the shares.
 */
export const rfmSegments: DashboardChart = {
  id: 'rfmSegments',
  sql(filter) {
    const segments = RFM_SEGMENTS.map((s, i) => `('${s}', ${i + 1})`).join(', ');
    return `WITH lines AS (
  ${revenueLines(filter)}
),
segments(segment, position) AS (VALUES ${segments}),
measured AS (
  SELECT r.segment, count(DISTINCT l.customer_unique_id) AS customers, sum(l.revenue) AS revenue
  FROM lines AS l
  JOIN gold.rfm AS r USING (customer_unique_id)
  GROUP BY r.segment
)
SELECT
  s.segment,
  coalesce(m.customers, 0)::INTEGER AS customers,
  coalesce(m.revenue, 0)::DOUBLE AS revenue,
  coalesce(m.customers / sum(m.customers) OVER (), 0)::DOUBLE AS customer_share,
  coalesce(m.revenue / sum(m.revenue) OVER (), 0)::DOUBLE AS revenue_share
FROM segments AS s
LEFT JOIN measured AS m USING (segment)
ORDER BY s.position`;
  },
};
