/**
 * gold.customer_ltv, gold.rfm and gold.customer_segments (DESIGN §6) from the revenue-bearing
 * orders: one row per customer_unique_id with at least one revenue-bearing order.
 */
import type { RevenueOrder } from './revenueOrders';
import type {
  AovBand,
  CustomerLtvRow,
  CustomerSegmentRow,
  FrequencyBand,
  RfmRow,
  Segment,
} from './goldTypes';
import { dayNumber, formatTimestamp } from './castValues';
import { compareText, ntile, quantileCont, units } from './sqlSemantics';

interface Customer {
  id: string;
  orders: number;
  revenueCents: number;
  first: number;
  last: number;
}

/** Customers with their orders, revenue and first/last purchase, sorted by id. */
function customersOf(orders: readonly RevenueOrder[]): Customer[] {
  const byId = new Map<string, Customer>();
  for (const o of orders) {
    if (o.customer_unique_id === null) continue;
    const t = o.order.purchased_at;
    const c = byId.get(o.customer_unique_id);
    if (!c) {
      byId.set(o.customer_unique_id, { id: o.customer_unique_id, orders: 1, revenueCents: o.revenue_cents, first: t, last: t });
    } else {
      c.orders++;
      c.revenueCents += o.revenue_cents;
      c.first = Math.min(c.first, t);
      c.last = Math.max(c.last, t);
    }
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

export function customerLtv(orders: readonly RevenueOrder[]): CustomerLtvRow[] {
  return customersOf(orders).map((c) => ({
    customer_unique_id: c.id,
    orders: c.orders,
    revenue: units(c.revenueCents),
    revenue_cents: c.revenueCents,
    avg_order_value: c.revenueCents / c.orders / 100,
    first_purchase_at: formatTimestamp(c.first),
    last_purchase_at: formatTimestamp(c.last),
    // date_diff('day', first, last) counts calendar-day boundaries.
    lifespan_days: dayNumber(c.last) - dayNumber(c.first),
  }));
}

/** Segment from (r_score, f_score): the first rule of §6 that matches. */
export function segmentOf(r: number, f: number): Segment {
  if (r >= 4 && f >= 3) return 'Champions';
  if (r >= 3 && f >= 2) return 'Loyal';
  if (r >= 4 && f === 1) return 'New';
  if (r === 3 && f === 1) return 'Promising';
  if (r === 2) return 'Needs attention';
  if (r === 1 && f >= 2) return 'At risk';
  return 'Hibernating';
}

/**
 * gold.rfm. `referenceDay` is (max purchase timestamp over ALL orders)::DATE + 1, as a day
 * number. r_score = NTILE(5) OVER (ORDER BY recency_days DESC, customer_unique_id);
 * m_score = NTILE(5) OVER (ORDER BY monetary, customer_unique_id); f_score = LEAST(frequency, 5).
 */
export function rfm(orders: readonly RevenueOrder[], referenceDay: number): RfmRow[] {
  const customers = customersOf(orders).map((c) => ({ ...c, recency: referenceDay - dayNumber(c.last) }));
  const n = customers.length;
  const rScore = new Map<string, number>();
  customers
    .slice()
    .sort((a, b) => b.recency - a.recency || compareText(a.id, b.id))
    .forEach((c, i) => rScore.set(c.id, ntile(i, n, 5)));
  const mScore = new Map<string, number>();
  customers
    .slice()
    .sort((a, b) => a.revenueCents - b.revenueCents || compareText(a.id, b.id))
    .forEach((c, i) => mScore.set(c.id, ntile(i, n, 5)));
  return customers.map((c) => {
    const r = rScore.get(c.id)!;
    const f = Math.min(c.orders, 5);
    return {
      customer_unique_id: c.id,
      recency_days: c.recency,
      frequency: c.orders,
      monetary: units(c.revenueCents),
      monetary_cents: c.revenueCents,
      r_score: r,
      f_score: f,
      m_score: mScore.get(c.id)!,
      segment: segmentOf(r, f),
    };
  });
}

export function frequencyBandOf(orders: number): FrequencyBand {
  return orders >= 4 ? 'loyal' : orders >= 2 ? 'repeat' : 'one-time';
}

/** low < q33 ≤ mid < q67 ≤ high. */
export function aovBandOf(aov: number, q33: number, q67: number): AovBand {
  return aov < q33 ? 'low' : aov < q67 ? 'mid' : 'high';
}

/**
 * gold.customer_segments: frequency band from orders; aov band split at quantile_cont(1/3)
 * and quantile_cont(2/3) of avg_order_value over all customers of customer_ltv.
 */
export function customerSegments(ltv: readonly CustomerLtvRow[]): {
  rows: CustomerSegmentRow[];
  q33: number | null;
  q67: number | null;
} {
  const sorted = ltv.map((c) => c.avg_order_value).sort((a, b) => a - b);
  const q33 = quantileCont(sorted, 1 / 3);
  const q67 = quantileCont(sorted, 2 / 3);
  const rows = ltv.map((c) => ({
    customer_unique_id: c.customer_unique_id,
    frequency_band: frequencyBandOf(c.orders),
    aov_band: aovBandOf(c.avg_order_value, q33!, q67!),
  }));
  return { rows, q33, q67 };
}
