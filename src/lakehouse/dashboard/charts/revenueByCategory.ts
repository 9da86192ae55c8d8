import { quoteLiteral } from '../../../engine/sql';
import type { DashboardChart } from '../dashboardChart';
import { withoutDimension } from '../dashboardFilter';
import { revenueLines } from '../revenueLines';

/** Categories drawn on their own; the rest are summed into one "Other" bar. */
export const TOP_CATEGORIES = 12;

/**
 * Revenue by product category: the top categories by revenue under the state and month
 * filters, the selected category always among them, and one row (category NULL) for the
 * others. orders counts an order in every category it has items of, as
 * gold.revenue_by_category does.
 */
export const revenueByCategory: DashboardChart = {
  id: 'revenueByCategory',
  dimension: 'category',
  sql(filter) {
    const selected = filter.category === undefined ? 'NULL' : quoteLiteral(filter.category);
    return `WITH lines AS (
  ${revenueLines(withoutDimension(filter, 'category'), true)}
),
ranked AS (
  SELECT category, row_number() OVER (ORDER BY sum(revenue) DESC, category) <= ${TOP_CATEGORIES} OR category = ${selected} AS shown
  FROM lines
  GROUP BY category
),
grouped AS (
  SELECT CASE WHEN r.shown THEN l.category END AS category, l.category AS member, l.order_id, l.revenue
  FROM lines AS l
  JOIN ranked AS r ON r.category = l.category
)
SELECT
  category,
  coalesce(category, 'Other (' || count(DISTINCT member) || ' categories)') AS label,
  sum(revenue)::DOUBLE AS revenue,
  count(DISTINCT order_id)::INTEGER AS orders,
  count(*)::INTEGER AS items,
  count(DISTINCT member)::INTEGER AS categories
FROM grouped
GROUP BY category
ORDER BY category IS NULL, sum(revenue) DESC, category`;
  },
};
