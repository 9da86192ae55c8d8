/**
 * Revenue-bearing orders (DESIGN §6): silver orders whose status is not 'canceled' or
 * 'unavailable' and that have at least one silver item; each with its revenue in cents
 * (sum of price + freight_value over its items) and its customer, the basis of every
 * revenue and customer table.
 */
import type { SilverCustomer, SilverItem, SilverOrder, SilverReference } from './silverReference';
import { groupBy } from './sqlSemantics';

/** State used when an order's customer (or the customer's state) is missing. */
export const UNKNOWN = 'unknown';

const NOT_REVENUE_STATUSES = new Set(['canceled', 'unavailable']);

export interface RevenueOrder {
  order: SilverOrder;
  items: SilverItem[];
  revenue_cents: number;
  /** null when the order's customer_id is missing or has no silver customer. */
  customer_unique_id: string | null;
  customer_state: string;
}

/** The customer of an order and its state (`unknown` when the customer is missing). */
export function customerOf(
  order: SilverOrder,
  customers: ReadonlyMap<string, SilverCustomer>,
): { customer: SilverCustomer | undefined; state: string } {
  const customer = order.customer_id === null ? undefined : customers.get(order.customer_id);
  return { customer, state: customer?.customer_state ?? UNKNOWN };
}

/**
 * A NULL status fails `order_status NOT IN (...)` in SQL (NULL is not true), so an order
 * without a status is not revenue-bearing.
 */
export function isRevenueStatus(status: string | null): boolean {
  return status !== null && !NOT_REVENUE_STATUSES.has(status);
}

export function revenueOrders(silver: SilverReference): RevenueOrder[] {
  const customers = new Map(silver.customers.map((c) => [c.customer_id, c]));
  const itemsByOrder = groupBy(silver.order_items, (i) => i.order_id);
  const out: RevenueOrder[] = [];
  for (const order of silver.orders) {
    const items = itemsByOrder.get(order.order_id);
    if (!items || !isRevenueStatus(order.order_status)) continue;
    const { customer, state } = customerOf(order, customers);
    let revenue = 0;
    for (const item of items) revenue += item.price_cents + item.freight_value_cents;
    out.push({
      order,
      items,
      revenue_cents: revenue,
      customer_unique_id: customer?.customer_unique_id ?? null,
      customer_state: state,
    });
  }
  return out;
}
