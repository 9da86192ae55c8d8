import { describe, expect, it } from 'vitest';
import { computeGoldReference, type GoldReference } from './goldReference';
import { parseCsv } from './parseCsv';
import { UNCASTABLE, castCents, castTimestamp, zipPrefix } from './castValues';
import { compareText, median, ntile, quantileCont } from './sqlSemantics';
import { aovBandOf, frequencyBandOf, segmentOf } from './customerMetrics';
import { silverReference } from './silverReference';
import { tinyOlist } from './tinyOlistFixture';
import { generateOlist } from '../../demo/generateOlist';

describe('reference building blocks', () => {
  it('parses RFC 4180 CSV: BOM, CRLF, quotes, line breaks, null vs empty', () => {
    const t = parseCsv('\uFEFF"a",b,c\r\n1,"x ""y""\r\nz",\r\n\r\n"",,"7"');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x "y"\r\nz', null],
      ['', null, '7'],
    ]);
  });

  it('casts money exactly, timestamps as wall-clock UTC, zips padded', () => {
    expect(castCents('58.9')).toBe(5890);
    expect(castCents(' 12 ')).toBe(1200);
    expect(castCents('0.10')).toBe(10);
    expect(castCents('1.005')).toBe(101);
    expect(castCents('-0.05')).toBe(-5);
    expect(castCents('abc')).toBe(UNCASTABLE);
    expect(castCents('')).toBe(null);
    expect(castTimestamp('2018-02-28 23:59:59')).toBe(Date.UTC(2018, 1, 28, 23, 59, 59));
    expect(castTimestamp('2018-02-30 00:00:00')).toBe(UNCASTABLE);
    expect(castTimestamp('not a date')).toBe(UNCASTABLE);
    expect(zipPrefix('1037')).toBe('01037');
  });

  it('NTILE(5) gives the first N mod 5 groups one extra row', () => {
    const tiles = (n: number) => Array.from({ length: n }, (_, i) => ntile(i, n, 5));
    expect(tiles(7)).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(tiles(3)).toEqual([1, 2, 3]);
    expect(tiles(12)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('quantile_cont and median interpolate like DuckDB', () => {
    expect(quantileCont([10, 20, 30, 40, 50], 1 / 3)).toBeCloseTo(23.3333333333, 9);
    expect(quantileCont([10, 20, 30, 40, 50], 2 / 3)).toBeCloseTo(36.6666666667, 9);
    expect(quantileCont([1, 2, 3, 4], 1 / 3)).toBe(2);
    expect(quantileCont([1, 2, 3, 4], 2 / 3)).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('segments, frequency bands and aov bands follow §6', () => {
    const cases: [number, number, string][] = [
      [5, 5, 'Champions'], [4, 3, 'Champions'], [5, 2, 'Loyal'], [3, 5, 'Loyal'], [4, 1, 'New'],
      [3, 1, 'Promising'], [2, 5, 'Needs attention'], [2, 1, 'Needs attention'], [1, 2, 'At risk'],
      [1, 1, 'Hibernating'],
    ];
    for (const [r, f, segment] of cases) expect(segmentOf(r, f)).toBe(segment);
    expect([1, 2, 3, 4, 9].map(frequencyBandOf)).toEqual(['one-time', 'repeat', 'repeat', 'loyal', 'loyal']);
    expect([9.99, 10, 19.99, 20].map((x) => aovBandOf(x, 10, 20))).toEqual(['low', 'mid', 'mid', 'high']);
  });

  it('orders text by code point, like DuckDB', () => {
    expect(['b', 'B', 'a', '\uFFFD', '\u{1F600}'].sort(compareText)).toEqual(['B', 'a', 'b', '\uFFFD', '\u{1F600}']);
  });
});

describe('silver reference on the hand-made dataset', () => {
  it('quarantines, de-duplicates and keeps the counts balanced', () => {
    const s = silverReference(tinyOlist());
    expect(s.counts.customers).toEqual({ bronze: 12, silver: 10, duplicates: 1, quarantined: 1 });
    expect(s.counts.orders).toEqual({ bronze: 16, silver: 14, duplicates: 1, quarantined: 1 });
    expect(s.counts.order_items).toEqual({ bronze: 16, silver: 14, duplicates: 1, quarantined: 1 });
    expect(s.counts.order_payments).toEqual({ bronze: 3, silver: 2, duplicates: 1, quarantined: 0 });
    expect(s.counts.order_reviews).toEqual({ bronze: 3, silver: 2, duplicates: 1, quarantined: 0 });
    expect(s.customers.find((c) => c.customer_id === 'c5')).toMatchObject({ customer_zip_code_prefix: '01037', customer_state: 'SP' });
    expect(s.customers.find((c) => c.customer_id === 'c2')!.customer_unique_id).toBe('u2');
    expect(s.orders.find((o) => o.order_id === 'o1')!.order_status).toBe('delivered');
    expect(s.sellers.map((x) => x.seller_state)).toEqual(['SP', 'SP']);
    expect(s.products.map((p) => p.category_english)).toEqual(['health_beauty', 'unknown', 'pc_gamer']);
  });
});

describe('gold reference on the hand-made dataset', () => {
  const g = computeGoldReference(tinyOlist());

  it('customer_ltv', () => {
    const row = (id: string, orders: number, cents: number, first: string, last: string, lifespan: number) => ({
      customer_unique_id: id, orders, revenue: cents / 100, revenue_cents: cents, avg_order_value: cents / orders / 100,
      first_purchase_at: first, last_purchase_at: last, lifespan_days: lifespan,
    });
    expect(g.customer_ltv).toEqual([
      row('u1', 2, 5300, '2018-01-10 10:00:00', '2018-03-20 08:00:00', 69),
      row('u2', 1, 5500, '2018-02-01 12:00:00', '2018-02-01 12:00:00', 0),
      row('u5', 1, 3300, '2018-03-01 10:00:00', '2018-03-01 10:00:00', 0),
      row('u6', 1, 3300, '2018-03-01 23:30:00', '2018-03-01 23:30:00', 0),
      row('u7', 1, 6600, '2018-04-10 09:00:00', '2018-04-10 09:00:00', 0),
      row('u8', 1, 8800, '2018-04-20 20:00:00', '2018-04-20 20:00:00', 0),
      row('u9', 1, 1500, '2018-04-28 14:00:00', '2018-04-28 14:00:00', 0),
    ]);
    expect(g.customer_ltv[0]!.avg_order_value).toBe(26.5);
  });

  it('rfm: reference date from all orders, NTILE ties broken by id, segments', () => {
    expect(g.checks.reference_date).toBe('2018-05-03'); // o12 (unavailable) is the latest purchase
    const pick = g.rfm.map((r) => [r.customer_unique_id, r.recency_days, r.frequency, r.monetary_cents, r.r_score, r.f_score, r.m_score, r.segment]);
    expect(pick).toEqual([
      ['u1', 44, 2, 5300, 2, 2, 2, 'Needs attention'],
      ['u2', 91, 1, 5500, 1, 1, 3, 'Hibernating'],
      ['u5', 63, 1, 3300, 1, 1, 1, 'Hibernating'],
      ['u6', 63, 1, 3300, 2, 1, 2, 'Needs attention'],
      ['u7', 23, 1, 6600, 3, 1, 4, 'Promising'],
      ['u8', 13, 1, 8800, 4, 1, 5, 'New'],
      ['u9', 5, 1, 1500, 5, 1, 1, 'New'],
    ]);
    expect(g.rfm[0]!.monetary).toBe(53);
  });

  it('customer_segments: quantile boundaries belong to the upper band', () => {
    expect(g.aov_quantiles).toEqual({ q33: 33, q67: 55 }); // sorted aov 15, 26.5, 33, 33, 55, 66, 88
    expect(g.customer_segments.map((r) => [r.customer_unique_id, r.frequency_band, r.aov_band])).toEqual([
      ['u1', 'repeat', 'low'],
      ['u2', 'one-time', 'high'],
      ['u5', 'one-time', 'mid'],
      ['u6', 'one-time', 'mid'],
      ['u7', 'one-time', 'high'],
      ['u8', 'one-time', 'high'],
      ['u9', 'one-time', 'low'],
    ]);
  });

  it('delivery_performance', () => {
    const rows = g.delivery_performance.map((r) => [r.order_id, r.customer_state, r.delay_days, r.is_late, r.is_outlier]);
    expect(rows).toEqual([
      ['o1', 'SP', -5, false, false],
      ['o11', 'RS', -12, false, true], // approved before purchase
      ['o14', 'MG', -13, false, true], // carrier before purchase (no items: still listed)
      ['o15', 'BA', 351, true, true], // 370.5 days
      ['o2', 'RJ', 2, true, false],
      ['o5', 'SP', 0, false, false], // delivered 12:00 on the estimated date: not late
      ['o6', 'SP', -16, false, true], // delivered before purchase
      ['o7', 'unknown', -14, false, false],
    ]);
    const days = Object.fromEntries(g.delivery_performance.map((r) => [r.order_id, [r.delivery_days, r.estimated_days]]));
    expect(days.o1).toEqual([5.5, 9 + 14 / 24]);
    expect(days.o2).toEqual([11.25, 8.5]);
    expect(days.o5![0]).toBeCloseTo(5 + 4 / 24, 12);
    expect(days.o5![1]).toBeCloseTo(4 + 16 / 24, 12);
    expect(days.o6![0]).toBe(-2);
    expect(days.o15![0]).toBe(370.5);
    expect(g.delivery_performance[0]).toMatchObject({
      purchased_at: '2018-01-10 10:00:00', delivered_at: '2018-01-15 22:00:00', estimated_at: '2018-01-20 00:00:00',
    });
  });

  it('delivery_by_state over non-outlier rows', () => {
    expect(g.delivery_by_state.map((r) => [r.customer_state, r.orders, r.on_time_rate, r.avg_delay_days])).toEqual([
      ['RJ', 1, 0, 2],
      ['SP', 2, 1, -2.5],
      ['unknown', 1, 1, -14],
    ]);
    const sp = g.delivery_by_state[1]!;
    expect(sp.avg_delivery_days).toBeCloseTo((5.5 + 5 + 4 / 24) / 2, 12);
    expect(sp.median_delivery_days).toBeCloseTo((5.5 + 5 + 4 / 24) / 2, 12);
    expect(g.delivery_by_state[0]).toMatchObject({ avg_delivery_days: 11.25, median_delivery_days: 11.25 });
  });

  it('revenue_by_category, revenue_by_state, revenue_monthly', () => {
    expect(g.revenue_by_category.map((r) => [r.category, r.orders, r.items, r.revenue_cents, r.product_revenue_cents])).toEqual([
      ['health_beauty', 5, 6, 18150, 16200],
      ['pc_gamer', 3, 3, 15450, 14000],
      ['unknown', 2, 2, 5100, 4500],
    ]);
    expect(g.revenue_by_category[0]).toMatchObject({ revenue: 181.5, product_revenue: 162 });
    expect(g.revenue_by_state.map((r) => [r.customer_state, r.orders, r.customers, r.revenue_cents])).toEqual([
      ['MG', 1, 1, 6600],
      ['RJ', 2, 2, 8800],
      ['RS', 1, 1, 1500],
      ['SP', 4, 3, 17400],
      ['unknown', 1, 0, 4400],
    ]);
    expect(g.revenue_monthly).toEqual([
      { month: '2018-01-01', orders: 1, revenue: 35, revenue_cents: 3500 },
      { month: '2018-02-01', orders: 1, revenue: 55, revenue_cents: 5500 },
      { month: '2018-03-01', orders: 4, revenue: 128, revenue_cents: 12800 },
      { month: '2018-04-01', orders: 3, revenue: 169, revenue_cents: 16900 },
    ]);
    expect(g.checks).toEqual({
      reference_date: '2018-05-03', revenue_bearing_orders: 9, total_revenue_cents: 38700,
      unknown_customer_orders: 1, unknown_customer_revenue_cents: 4400,
    });
  });
});

describe('gold reference on generateOlist({ sf: 0.01 })', () => {
  const files = generateOlist({ sf: 0.01 });
  const g: GoldReference = computeGoldReference(files);
  const total = (rows: readonly { revenue_cents: number }[]) => rows.reduce((s, r) => s + r.revenue_cents, 0);

  it('revenue totals agree to the cent', () => {
    const t = g.checks.total_revenue_cents;
    expect(t).toBeGreaterThan(0);
    expect(total(g.revenue_by_category)).toBe(t);
    expect(total(g.revenue_by_state)).toBe(t);
    expect(total(g.revenue_monthly)).toBe(t);
    expect(total(g.customer_ltv) + g.checks.unknown_customer_revenue_cents).toBe(t);
    const orders = (rows: readonly { orders: number }[]) => rows.reduce((s, r) => s + r.orders, 0);
    expect(orders(g.revenue_by_state)).toBe(g.checks.revenue_bearing_orders);
    expect(orders(g.revenue_monthly)).toBe(g.checks.revenue_bearing_orders);
    expect(orders(g.customer_ltv) + g.checks.unknown_customer_orders).toBe(g.checks.revenue_bearing_orders);
  });

  it('customers are consistent across customer_ltv, rfm and customer_segments', () => {
    const ids = (rows: readonly { customer_unique_id: string }[]) => rows.map((r) => r.customer_unique_id);
    expect(ids(g.rfm)).toEqual(ids(g.customer_ltv));
    expect(ids(g.customer_segments)).toEqual(ids(g.customer_ltv));
    for (const r of g.rfm) {
      for (const s of [r.r_score, r.f_score, r.m_score]) expect(s >= 1 && s <= 5 && Number.isInteger(s)).toBe(true);
      expect(r.recency_days).toBeGreaterThanOrEqual(1);
    }
    const counts = (key: 'r_score' | 'm_score') => [1, 2, 3, 4, 5].map((s) => g.rfm.filter((r) => r[key] === s).length);
    for (const key of ['r_score', 'm_score'] as const) {
      const c = counts(key);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    }
    for (const band of ['low', 'mid', 'high']) {
      expect(g.customer_segments.filter((r) => r.aov_band === band).length).toBeGreaterThan(g.customer_ltv.length / 5);
    }
  });

  it('has plausible sizes and delivery figures', () => {
    const orders = silverReference(files).orders.length;
    expect(orders).toBe(994);
    expect(g.checks.revenue_bearing_orders).toBeGreaterThan(0.97 * orders);
    expect(g.customer_ltv.length).toBeGreaterThan(0.9 * g.checks.revenue_bearing_orders);
    expect(g.customer_ltv.length).toBeLessThanOrEqual(g.checks.revenue_bearing_orders);
    expect(g.revenue_by_category.length).toBeGreaterThan(30);
    expect(g.revenue_by_state.length).toBeGreaterThan(15);
    expect(g.revenue_monthly.length).toBeGreaterThan(15);
    expect(g.delivery_performance.length).toBeGreaterThan(0.9 * orders);
    expect(g.delivery_performance.some((r) => r.is_outlier)).toBe(true);
    const byState = g.delivery_by_state.reduce((s, r) => s + r.orders, 0);
    expect(byState).toBe(g.delivery_performance.filter((r) => !r.is_outlier).length);
    for (const r of g.delivery_by_state) {
      expect(r.on_time_rate!).toBeGreaterThanOrEqual(0);
      expect(r.on_time_rate!).toBeLessThanOrEqual(1);
      expect(r.avg_delivery_days).toBeGreaterThan(0);
    }
  });
});
