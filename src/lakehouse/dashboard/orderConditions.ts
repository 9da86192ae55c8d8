import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter } from './dashboardFilter';
import { ordersWithCategory } from './productCategory';

/**
 * The filter as conditions on an order-grained gold table aliased `alias` (one with
 * order_id, customer_state and purchased_at: gold.order_facts, gold.delivery_performance).
 * A category keeps the orders with at least one item of it. Values are SQL literals.
 */
export function orderConditions(filter: DashboardFilter, alias: string): string[] {
  const conditions: string[] = [];
  if (filter.customerState !== undefined) conditions.push(`${alias}.customer_state = ${quoteLiteral(filter.customerState)}`);
  if (filter.month !== undefined) {
    const start = `DATE ${quoteLiteral(filter.month)}`;
    // A range on the timestamp rather than date_trunc(…) = …, so DuckDB can use zone maps.
    conditions.push(`${alias}.purchased_at >= ${start}`, `${alias}.purchased_at < ${start} + INTERVAL 1 MONTH`);
  }
  if (filter.category !== undefined) conditions.push(`${alias}.order_id IN (${ordersWithCategory(filter.category)})`);
  return conditions;
}

/** `WHERE a AND b …`, or nothing. */
export function where(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join('\n  AND ')}` : '';
}
