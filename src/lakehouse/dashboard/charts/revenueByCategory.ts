import { quoteLiteral } from '../../../engine/sql';
import { UNKEYED, type DashboardChart } from '../dashboardChart';

/** Categories drawn on their own; the rest are summed into one "Other" bar. */
export const TOP_CATEGORIES = 12;

/**
 * Revenue by product category under the state and month filters: the top categories by
 * revenue, the selected category always among them, and one row (category NULL) summing
 * the others. orders counts an order in every category it has items of, as
 * gold.revenue_by_category does, so Other's orders add up its categories'.
 */
export const revenueByCategory: DashboardChart = {
  id: 'revenueByCategory',
  index: {
    name: 'revenue_by_category',
    dimensions: ['customerState', 'month'],
    groups: ['category'],
    measures: { revenue: 'sum(revenue)', orders: 'count(DISTINCT order_key)', items: 'count(*)' },
    source: () => 'SELECT * FROM dashboard.items',
  },
  rows(cells, filter, k = UNKEYED) {
    // Without a selection there is no OR: `category = NULL` would make `shown` NULL, not false.
    const orSelected = filter.category === undefined ? '' : ` OR category = ${quoteLiteral(filter.category)}`;
    return `WITH ranked AS (
  SELECT *, CASE WHEN row_number() OVER (${k.partition()} ORDER BY revenue DESC, category) <= ${TOP_CATEGORIES}${orSelected} THEN category END AS shown
  FROM (${cells})
)
SELECT ${k.first()}
  shown AS category,
  coalesce(shown, 'Other (' || count(*) || ' categories)') AS label,
  sum(revenue)::DOUBLE AS revenue,
  sum(orders)::INTEGER AS orders,
  sum(items)::INTEGER AS items,
  count(*)::INTEGER AS categories
FROM ranked
GROUP BY ${k.first()}shown
ORDER BY ${k.first()}shown IS NULL, sum(revenue) DESC, shown`;
  },
  showsSelected: { dimension: 'category', column: 'category' },
};
