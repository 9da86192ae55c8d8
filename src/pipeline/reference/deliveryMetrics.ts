/**
 * gold.delivery_performance and gold.delivery_by_state (DESIGN §6).
 */
import type { SilverCustomer, SilverOrder } from './silverReference';
import type { DeliveryByStateRow, DeliveryPerformanceRow } from './goldTypes';
import { MS_PER_DAY, dayNumber, formatTimestamp } from './castValues';
import { customerOf } from './revenueOrders';
import { average, compareText, groupBy, median } from './sqlSemantics';

/** `a < b` where a NULL side makes the comparison not true (false), as in a WHERE clause. */
function before(a: number | null, b: number): boolean {
  return a !== null && a < b;
}

/**
 * One row per silver order with status `delivered` and a delivered date (items or not).
 * An order whose customer is missing gets customer_state `unknown`.
 */
export function deliveryPerformance(
  orders: readonly SilverOrder[],
  customers: readonly SilverCustomer[],
): DeliveryPerformanceRow[] {
  const byId = new Map(customers.map((c) => [c.customer_id, c]));
  const rows: DeliveryPerformanceRow[] = [];
  for (const o of orders) {
    if (o.order_status !== 'delivered' || o.delivered_customer_at === null) continue;
    const purchased = o.purchased_at;
    const delivered = o.delivered_customer_at;
    const estimated = o.estimated_delivery_at;
    const deliveryDays = (delivered - purchased) / MS_PER_DAY;
    rows.push({
      order_id: o.order_id,
      customer_state: customerOf(o, byId).state,
      purchased_at: formatTimestamp(purchased),
      delivered_at: formatTimestamp(delivered),
      estimated_at: estimated === null ? null : formatTimestamp(estimated),
      delivery_days: deliveryDays,
      estimated_days: estimated === null ? null : (estimated - purchased) / MS_PER_DAY,
      delay_days: estimated === null ? null : dayNumber(delivered) - dayNumber(estimated),
      is_late: estimated === null ? null : dayNumber(delivered) > dayNumber(estimated),
      is_outlier:
        delivered < purchased ||
        before(o.approved_at, purchased) ||
        before(o.delivered_carrier_at, purchased) ||
        deliveryDays > 365,
    });
  }
  return rows.sort((a, b) => compareText(a.order_id, b.order_id));
}

/** Aggregates over the non-outlier rows, by customer_state. */
export function deliveryByState(performance: readonly DeliveryPerformanceRow[]): DeliveryByStateRow[] {
  const groups = groupBy(
    performance.filter((r) => !r.is_outlier),
    (r) => r.customer_state,
  );
  const rows: DeliveryByStateRow[] = [];
  for (const [state, list] of groups) {
    const lateRate = average(list.map((r) => (r.is_late === null ? null : r.is_late ? 1 : 0)));
    rows.push({
      customer_state: state,
      orders: list.length,
      on_time_rate: lateRate === null ? null : 1 - lateRate,
      avg_delivery_days: average(list.map((r) => r.delivery_days))!,
      median_delivery_days: median(list.map((r) => r.delivery_days))!,
      avg_delay_days: average(list.map((r) => r.delay_days)),
    });
  }
  return rows.sort((a, b) => compareText(a.customer_state, b.customer_state));
}
