/**
 * gold.revenue_by_category, gold.revenue_by_state and gold.revenue_monthly (DESIGN §6), all
 * from the revenue-bearing orders, so their revenue totals are equal to the cent.
 */
import type { SilverProduct } from './silverReference';
import type { RevenueByCategoryRow, RevenueByStateRow, RevenueMonthlyRow } from './goldTypes';
import { UNKNOWN, type RevenueOrder } from './revenueOrders';
import { formatMonth } from './castValues';
import { compareText, units } from './sqlSemantics';

/**
 * Category in English per item: translation, else the Portuguese name, else `unknown` when
 * the product has no category or the item's product is not in silver.products.
 */
export function revenueByCategory(
  orders: readonly RevenueOrder[],
  products: readonly SilverProduct[],
): RevenueByCategoryRow[] {
  const categoryOf = new Map(products.map((p) => [p.product_id, p.category_english]));
  const acc = new Map<string, { orders: Set<string>; items: number; revenue: number; product: number }>();
  for (const o of orders) {
    for (const item of o.items) {
      const category = (item.product_id === null ? undefined : categoryOf.get(item.product_id)) ?? UNKNOWN;
      let a = acc.get(category);
      if (!a) acc.set(category, (a = { orders: new Set(), items: 0, revenue: 0, product: 0 }));
      a.orders.add(o.order.order_id);
      a.items++;
      a.revenue += item.price_cents + item.freight_value_cents;
      a.product += item.price_cents;
    }
  }
  return [...acc]
    .map(([category, a]) => ({
      category,
      orders: a.orders.size,
      items: a.items,
      revenue: units(a.revenue),
      revenue_cents: a.revenue,
      product_revenue: units(a.product),
      product_revenue_cents: a.product,
    }))
    .sort((x, y) => compareText(x.category, y.category));
}

/** By the state of the order's customer (`unknown` when missing); customers = distinct unique ids. */
export function revenueByState(orders: readonly RevenueOrder[]): RevenueByStateRow[] {
  const acc = new Map<string, { orders: number; customers: Set<string>; revenue: number }>();
  for (const o of orders) {
    let a = acc.get(o.customer_state);
    if (!a) acc.set(o.customer_state, (a = { orders: 0, customers: new Set(), revenue: 0 }));
    a.orders++;
    if (o.customer_unique_id !== null) a.customers.add(o.customer_unique_id);
    a.revenue += o.revenue_cents;
  }
  return [...acc]
    .map(([customer_state, a]) => ({
      customer_state,
      orders: a.orders,
      customers: a.customers.size,
      revenue: units(a.revenue),
      revenue_cents: a.revenue,
    }))
    .sort((x, y) => compareText(x.customer_state, y.customer_state));
}

/** By purchase month (`YYYY-MM-01`). */
export function revenueMonthly(orders: readonly RevenueOrder[]): RevenueMonthlyRow[] {
  const acc = new Map<string, { orders: number; revenue: number }>();
  for (const o of orders) {
    const month = formatMonth(o.order.purchased_at);
    let a = acc.get(month);
    if (!a) acc.set(month, (a = { orders: 0, revenue: 0 }));
    a.orders++;
    a.revenue += o.revenue_cents;
  }
  return [...acc]
    .map(([month, a]) => ({ month, orders: a.orders, revenue: units(a.revenue), revenue_cents: a.revenue }))
    .sort((x, y) => compareText(x.month, y.month));
}
