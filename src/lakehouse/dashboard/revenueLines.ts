import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter } from './dashboardFilter';
import { orderConditions, where } from './orderConditions';
import { ITEM_CATEGORY, ITEMS_WITH_PRODUCTS } from './productCategory';

/**
 * The revenue under a filter, as rows to sum: the base of every revenue chart, so that
 * their totals agree with each other and with the gold tables (DESIGN.md §6).
 *
 * Columns: order_id, customer_unique_id, customer_state, purchased_at, revenue
 * (DECIMAL(12,2)), and category when item-grained. Without a category the rows are the
 * revenue-bearing orders of gold.order_facts. With a category (or `byCategory`), they are
 * the items of those orders: revenue is then the category's items only, so a category's
 * revenue equals its row of gold.revenue_by_category, and orders are count(DISTINCT order_id).
 */
export function revenueLines(filter: DashboardFilter, byCategory = false): string {
  const conditions = ['f.is_revenue_bearing', ...orderConditions({ ...filter, category: undefined }, 'f')];
  if (!byCategory && filter.category === undefined) {
    return `SELECT f.order_id, f.customer_unique_id, f.customer_state, f.purchased_at, f.revenue
  FROM gold.order_facts AS f
  ${where(conditions)}`;
  }
  if (filter.category !== undefined) conditions.push(`${ITEM_CATEGORY} = ${quoteLiteral(filter.category)}`);
  return `SELECT f.order_id, f.customer_unique_id, f.customer_state, f.purchased_at,
    ${ITEM_CATEGORY} AS category, (i.price + i.freight_value)::DECIMAL(12,2) AS revenue
  FROM ${ITEMS_WITH_PRODUCTS}
  JOIN gold.order_facts AS f USING (order_id)
  ${where(conditions)}`;
}
