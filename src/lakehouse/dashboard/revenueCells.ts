import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter } from './dashboardFilter';
import { cellConditions, where } from './orderConditions';

/**
 * The revenue under a filter by state × month cell (columns customer_state, month,
 * revenue, orders), from the pre-aggregated cubes: summing cells gives exactly what
 * summing revenueLines would, for revenue and orders. Without a category, the orders'
 * revenue (dashboard.order_cube); with one, the category's items and the orders with one
 * of them (dashboard.revenue_cube, where orders are distinct within a category).
 */
export function revenueCells(filter: DashboardFilter): string {
  const conditions = cellConditions(filter, 'c');
  if (filter.category === undefined) {
    return `SELECT c.customer_state, c.month, c.revenue, c.orders
  FROM dashboard.order_cube AS c
  ${where(conditions)}`;
  }
  return `SELECT c.customer_state, c.month, c.revenue, c.orders
  FROM dashboard.revenue_cube AS c
  ${where([...conditions, `c.category = ${quoteLiteral(filter.category)}`])}`;
}
