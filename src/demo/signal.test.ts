import { describe, it, expect } from 'vitest';
import { generateOlist } from './generateOlist';
import { tables } from './testing/olistTables';

// The learnable signal documented in logistics.ts and reviews.ts, measured the way an analyst
// would see it: from the generated CSV files only.

const t = tables(generateOlist({ sf: 0.05 }));
const DAY = 86400_000;
const ms = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');

function corr(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function haversine(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b[0] - a[0]) * rad) / 2) ** 2 +
    Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(((b[1] - a[1]) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const point = new Map<string, [number, number]>();
for (const g of t.geolocation.records) {
  if (!point.has(g.geolocation_zip_code_prefix!)) point.set(g.geolocation_zip_code_prefix!, [+g.geolocation_lat!, +g.geolocation_lng!]);
}
const customer = new Map(t.customers.records.map((c) => [c.customer_id!, c]));
const sellerZip = new Map(t.sellers.records.map((s) => [s.seller_id!, s.seller_zip_code_prefix!]));
const firstSeller = new Map<string, string>();
for (const it of t.items.records) if (!firstSeller.has(it.order_id!)) firstSeller.set(it.order_id!, it.seller_id!);
const delivered = t.orders.records.filter(
  (o) =>
    o.order_status === 'delivered' &&
    o.order_delivered_customer_date !== '' &&
    o.order_delivered_carrier_date !== '' &&
    firstSeller.has(o.order_id!) &&
    ms(o.order_delivered_customer_date!) > ms(o.order_delivered_carrier_date!),
);

describe('demo data: learnable signal', () => {
  it('transit time grows with seller→customer distance', () => {
    const km: number[] = [];
    const days: number[] = [];
    for (const o of delivered) {
      const c = point.get(customer.get(o.customer_id!)!.customer_zip_code_prefix!);
      const s = point.get(sellerZip.get(firstSeller.get(o.order_id!)!)!);
      if (!c || !s) continue;
      km.push(haversine(s, c));
      days.push((ms(o.order_delivered_customer_date!) - ms(o.order_delivered_carrier_date!)) / DAY);
    }
    expect(km.length).toBeGreaterThan(3000);
    // 1 day per 250 km plus noise and a long tail: a clear, not perfect, relationship.
    expect(corr(km, days)).toBeGreaterThan(0.45);
  });

  it('sellers differ in handling time (approval → carrier)', () => {
    const bySeller = new Map<string, number[]>();
    for (const o of delivered) {
      if (o.order_approved_at === '') continue;
      const d = (ms(o.order_delivered_carrier_date!) - ms(o.order_approved_at!)) / DAY;
      const s = firstSeller.get(o.order_id!)!;
      (bySeller.get(s) ?? bySeller.set(s, []).get(s)!).push(d);
    }
    const medians = [...bySeller.values()].filter((d) => d.length >= 15).map(median).sort((a, b) => a - b);
    expect(medians.length).toBeGreaterThan(20);
    const p = (q: number) => medians[Math.floor(q * (medians.length - 1))]!;
    // Typical handling log-normal with sigma 0.55: the 90th percentile seller ≈ 4× the 10th.
    expect(p(0.9) / p(0.1)).toBeGreaterThan(2);
  });

  it('late deliveries pull review scores down', () => {
    const orders = new Map(delivered.map((o) => [o.order_id!, o]));
    const late: number[] = [];
    const onTime: number[] = [];
    for (const v of t.reviews.records) {
      const o = orders.get(v.order_id!);
      if (!o) continue;
      const isLate = ms(o.order_delivered_customer_date!) > ms(o.order_estimated_delivery_date!) + DAY;
      (isLate ? late : onTime).push(+v.review_score!);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(late.length).toBeGreaterThan(50);
    expect(mean(onTime) - mean(late)).toBeGreaterThan(1.2);
  });

  it('customers who scored 1–2 buy again within 180 days less often than those who scored 4–5', () => {
    const person = new Map(t.customers.records.map((c) => [c.customer_id!, c.customer_unique_id!]));
    const purchases = new Map<string, number[]>();
    const orderOf = new Map(t.orders.records.map((o) => [o.order_id!, o]));
    for (const o of t.orders.records) {
      const p = person.get(o.customer_id!)!;
      (purchases.get(p) ?? purchases.set(p, []).get(p)!).push(ms(o.order_purchase_timestamp!));
    }
    const again = { low: [0, 0], high: [0, 0] };
    for (const v of t.reviews.records) {
      const o = orderOf.get(v.order_id!)!;
      const at = ms(o.order_purchase_timestamp!);
      const score = +v.review_score!;
      const band = score <= 2 ? again.low : score >= 4 ? again.high : null;
      if (!band) continue;
      band[0]!++;
      if (purchases.get(person.get(o.customer_id!)!)!.some((p) => p > at && p <= at + 180 * DAY)) band[1]!++;
    }
    const rate = (b: number[]) => b[1]! / b[0]!;
    expect(again.high[1]).toBeGreaterThan(20);
    expect(rate(again.low)).toBeLessThan(0.4 * rate(again.high));
  });
});
