import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter } from './dashboardFilter';
import { cellConditions, where } from './orderConditions';

/** The columns every revenue line has (see revenueLines). */
const LINE_COLUMNS = 'l.order_key, l.customer_key, l.customer_state, l.month, l.revenue, l.segment, l.frequency_band, l.aov_band, l.clv_bin';

/**
 * The revenue under a filter as rows: the row-level base of the revenue charts that count
 * distinct customers, so that their totals agree with each other and with the gold
 * tables (DESIGN.md §6).
 *
 * Columns: order_key, customer_key (NULL for an unknown customer), customer_state, month,
 * revenue (DECIMAL(12,2)), the customer's segment, frequency_band, aov_band and clv_bin,
 * and category when item-grained. Without a category the rows are the
 * revenue-bearing orders (gold.order_facts). With a category (or `byCategory`) they are
 * the items of those orders: revenue is then the category's items only, so a category's
 * revenue equals its row of gold.revenue_by_category; orders are count(DISTINCT order_key).
 */
export function revenueLines(filter: DashboardFilter, byCategory = false): string {
  const conditions = cellConditions(filter, 'l');
  if (!byCategory && filter.category === undefined) {
    return `SELECT ${LINE_COLUMNS}
  FROM dashboard.orders AS l
  ${where(['l.is_revenue_bearing', ...conditions])}`;
  }
  if (filter.category !== undefined) conditions.push(`l.category = ${quoteLiteral(filter.category)}`);
  return `SELECT ${LINE_COLUMNS}, l.category
  FROM dashboard.items AS l
  ${where(conditions)}`;
}
