import { describe, it, expect } from 'vitest';
import { count } from './testing/olistTables';
import { MONEY, t } from './testing/olistSample';

// The generated tables fit together: keys, item numbering, payments, places and timestamps.

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

describe('generateOlist: referential shape', () => {
  it('links items, payments and reviews to existing orders, products and sellers', () => {
    const orders = new Set(t.orders.column('order_id'));
    expect(orders.size).toBe(t.orders.records.length);
    const products = new Set(t.products.column('product_id'));
    const sellers = new Set(t.sellers.column('seller_id'));
    for (const i of t.items.records) {
      expect(orders.has(i.order_id!)).toBe(true);
      expect(products.has(i.product_id!)).toBe(true);
      expect(sellers.has(i.seller_id!)).toBe(true);
    }
    for (const p of t.payments.records) expect(orders.has(p.order_id!)).toBe(true);
    for (const r of t.reviews.records) expect(orders.has(r.order_id!)).toBe(true);
    // Every product and every seller is sold at least once.
    expect(new Set(t.items.column('product_id')).size).toBe(products.size);
    expect(new Set(t.items.column('seller_id')).size).toBe(sellers.size);
  });

  it('has one customer row per order, with repeat buyers sharing customer_unique_id', () => {
    const customerIds = t.customers.column('customer_id');
    expect(new Set(customerIds).size).toBe(customerIds.length);
    expect(new Set(customerIds)).toEqual(new Set(t.orders.column('customer_id')));
    const unique = new Set(t.customers.column('customer_unique_id'));
    expect(unique.size).toBeLessThan(customerIds.length);
  });

  it('numbers order items 1..n and pays for them (payments ≈ price + freight)', () => {
    const items = new Map<string, { ids: number[]; total: number }>();
    for (const i of t.items.records) {
      const entry = items.get(i.order_id!) ?? { ids: [], total: 0 };
      entry.ids.push(Number(i.order_item_id));
      entry.total += Number(i.price) + Number(i.freight_value);
      items.set(i.order_id!, entry);
      expect(i.price).toMatch(MONEY);
      expect(i.freight_value).toMatch(MONEY);
    }
    for (const { ids } of items.values()) expect(ids.sort((a, b) => a - b)).toEqual(ids.map((_, k) => k + 1));
    expect(Math.max(...[...items.values()].map((e) => e.ids.length))).toBeGreaterThan(2);

    const paid = new Map<string, number>();
    for (const p of t.payments.records) {
      expect(p.payment_value).toMatch(MONEY);
      paid.set(p.order_id!, (paid.get(p.order_id!) ?? 0) + Number(p.payment_value));
    }
    let exact = 0;
    let compared = 0;
    for (const [order, { total }] of items) {
      const value = paid.get(order);
      if (value === undefined) continue;
      compared++;
      if (Math.abs(value - total) < 0.005) exact++;
      else expect(value, order).toBeGreaterThanOrEqual(total - 0.005); // interest on installments
    }
    expect(exact / compared).toBeGreaterThan(0.95);
    // Some orders are split over several payment_sequential rows.
    expect(count(t.payments.records, (p) => p.payment_sequential !== '1')).toBeGreaterThan(0);
  });

  it('places customers and sellers at zip prefixes present in geolocation, with matching city and state', () => {
    const places = new Set(
      t.geolocation.records.map((g) => `${g.geolocation_zip_code_prefix}|${g.geolocation_city}|${g.geolocation_state}`),
    );
    const zips = new Set(t.geolocation.column('geolocation_zip_code_prefix'));
    for (const c of t.customers.records) {
      expect(places.has(`${c.customer_zip_code_prefix}|${c.customer_city}|${c.customer_state}`)).toBe(true);
    }
    for (const s of t.sellers.records) expect(zips.has(s.seller_zip_code_prefix!)).toBe(true);
    // A zip prefix always belongs to the same state.
    const stateOf = new Map<string, string>();
    for (const g of t.geolocation.records) {
      const known = stateOf.get(g.geolocation_zip_code_prefix!);
      if (known) expect(g.geolocation_state).toBe(known);
      else stateOf.set(g.geolocation_zip_code_prefix!, g.geolocation_state!);
    }
  });

  it('prints timestamps as YYYY-MM-DD HH:MM:SS between 2016-09 and 2018-10, growing over time', () => {
    const columns = [
      'order_purchase_timestamp',
      'order_approved_at',
      'order_delivered_carrier_date',
      'order_delivered_customer_date',
      'order_estimated_delivery_date',
    ];
    for (const c of columns) for (const v of t.orders.column(c)) if (v !== '') expect(v).toMatch(TIMESTAMP);
    for (const v of t.orders.column('order_estimated_delivery_date')) expect(v.endsWith(' 00:00:00')).toBe(true);
    for (const v of t.reviews.column('review_creation_date')) expect(v).toMatch(/^\d{4}-\d\d-\d\d 00:00:00$/);
    for (const v of t.items.column('shipping_limit_date')) expect(v).toMatch(TIMESTAMP);
    const purchases = t.orders.column('order_purchase_timestamp');
    for (const p of purchases) {
      expect(p >= '2016-09-04').toBe(true);
      expect(p < '2018-10-18').toBe(true);
    }
    const firstHalf2017 = count(purchases, (p) => p >= '2017-01' && p < '2017-07');
    const firstHalf2018 = count(purchases, (p) => p >= '2018-01' && p < '2018-07');
    expect(firstHalf2018).toBeGreaterThan(firstHalf2017 * 1.5);
  });
});
