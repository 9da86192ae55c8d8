import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter } from './dashboardFilter';

/**
 * The state and month parts of the filter as conditions on a dashboard table aliased
 * `alias` with customer_state and month (DATE): every row-level table and every cube.
 * Values are SQL literals.
 */
export function cellConditions(filter: DashboardFilter, alias: string): string[] {
  const conditions: string[] = [];
  if (filter.customerState !== undefined) conditions.push(`${alias}.customer_state = ${quoteLiteral(filter.customerState)}`);
  if (filter.month !== undefined) conditions.push(`${alias}.month = DATE ${quoteLiteral(filter.month)}`);
  return conditions;
}

/**
 * The whole filter as conditions on a row-level table with order_key (dashboard.orders,
 * dashboard.deliveries): a category keeps the orders with at least one item of it.
 */
export function orderConditions(filter: DashboardFilter, alias: string): string[] {
  const conditions = cellConditions(filter, alias);
  if (filter.category !== undefined) conditions.push(`${alias}.order_key IN (SELECT order_key FROM dashboard.items WHERE category = ${quoteLiteral(filter.category)})`);
  return conditions;
}

/** `WHERE a AND b …`, or nothing. */
export function where(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join('\n  AND ')}` : '';
}
