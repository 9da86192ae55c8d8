import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { materialiseSilver } from '../materialise';
import { countBalance } from '../silverBalance';
import { HAND_MADE } from './handMadeBronze';
import { buildLakehouse, expectClose, expectationResults, MODELS, one, revenueTotals, rows, SILVER_SOURCES, stage, type Row } from './testHarness';

/*
 * The silver and gold models on both engines, over a hand-made bronze of a few rows per
 * source (handMadeBronze.ts): exact results worked out by hand from DESIGN.md section 6.
 * Harness: testHarness.ts.
 */

describe.each(testEngines)('models on %s', (_kind, open) => {
  describe('hand-made bronze with known answers', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await buildLakehouse(engine, HAND_MADE);
    });
    afterAll(async () => {
      await engine?.close();
    });

    it('quarantines the rows that break hard rules, with the reason', async () => {
      const reasons: Row[] = [];
      for (const name of SILVER_SOURCES) {
        reasons.push(...(await rows(engine, `SELECT '${name}' AS model, _row, _reason FROM ${stage(name)} WHERE _reason IS NOT NULL ORDER BY _row`)));
      }
      expect(reasons).toEqual([
        { model: 'customers', _row: 14, _reason: 'customer_id missing' },
        { model: 'geolocation', _row: 4, _reason: 'point outside Brazil: 41.15, -8.61' },
        { model: 'geolocation', _row: 7, _reason: 'geolocation_lat is not a number: abc' },
        { model: 'order_items', _row: 6, _reason: 'price is not an amount: abc' },
        { model: 'order_items', _row: 7, _reason: 'freight_value is negative: -1.00' },
        { model: 'order_payments', _row: 4, _reason: 'payment_value is not an amount: x' },
        { model: 'order_reviews', _row: 3, _reason: 'review_score outside 1..5: 6' },
        { model: 'order_reviews', _row: 4, _reason: 'review_score missing' },
        { model: 'orders', _row: 8, _reason: 'order_purchase_timestamp is not a timestamp: not a date' },
        { model: 'orders', _row: 15, _reason: 'order_approved_at is not a timestamp: bad' },
        { model: 'products', _row: 5, _reason: 'product_weight_g is not an integer: heavy' },
      ]);
      // The runner stored the same rows and reasons in quarantine.
      const stored: Row[] = [];
      for (const name of SILVER_SOURCES) {
        stored.push(...(await rows(engine, `SELECT '${name}' AS model, _row, _reason FROM quarantine.${name} WHERE _stage = 'silver' ORDER BY _row`)));
      }
      expect(stored).toEqual(reasons);
      const counts = await one(engine, `SELECT (SELECT count(*) FROM silver.customers) AS customers, (SELECT count(*) FROM silver.orders) AS orders,
          (SELECT count(*) FROM silver.order_items) AS items, (SELECT price::VARCHAR FROM silver.order_items WHERE order_id = 'o1' AND order_item_id = 1) AS first_price`);
      expect(counts).toEqual({ customers: 12, orders: 13, items: 12, first_price: '100.00' });
    });

    it('types and cleans the silver columns', async () => {
      expect(await rows(engine, `SELECT customer_id, customer_zip_code_prefix AS zip, customer_city AS city, customer_state AS state
          FROM silver.customers WHERE customer_id IN ('c1', 'c13') ORDER BY 1`)).toEqual([
        { customer_id: 'c1', zip: '01037', city: 'sao paulo', state: 'SP' },
        { customer_id: 'c13', zip: '01310', city: 'sao paulo', state: 'SP' },
      ]);
      expect(await rows(engine, `SELECT seller_id, seller_zip_code_prefix AS zip, seller_city AS city, seller_state AS state FROM silver.sellers ORDER BY 1`)).toEqual([
        { seller_id: 's1', zip: '01001', city: 'sao paulo / sp', state: 'SP' },
        { seller_id: 's2', zip: '20020', city: 'rio de janeiro', state: 'RJ' },
      ]);
      expect(await rows(engine, `SELECT order_id, order_status, order_purchase_timestamp::VARCHAR AS purchased, order_delivered_customer_date::VARCHAR AS delivered
          FROM silver.orders WHERE order_id IN ('o3', 'o4') ORDER BY 1`)).toEqual([
        { order_id: 'o3', order_status: 'canceled', purchased: '2018-04-10 09:00:00', delivered: null },
        { order_id: 'o4', order_status: 'shipped', purchased: '2018-04-01 08:00:00', delivered: null },
      ]);
      expect(await rows(engine, `SELECT product_id, product_category_name AS pt, product_category_name_english AS en, product_name_length AS name_length, product_weight_g AS weight
          FROM silver.products ORDER BY 1`)).toEqual([
        { product_id: 'p1', pt: 'cama_mesa_banho', en: 'bed_bath_table', name_length: 40, weight: 500 },
        { product_id: 'p2', pt: 'pc_gamer', en: 'pc_gamer', name_length: 50, weight: 8000 },
        { product_id: 'p3', pt: null, en: 'unknown', name_length: null, weight: 300 },
        { product_id: 'p4', pt: 'perfumaria', en: 'perfumery', name_length: 45, weight: 100 },
        { product_id: 'p5', pt: null, en: 'unknown', name_length: 45, weight: 100 },
      ]);
      expect(await rows(engine, `SELECT order_id, payment_sequential AS seq, payment_type AS type, payment_installments AS installments, payment_value::VARCHAR AS value
          FROM silver.order_payments ORDER BY 1, 2`)).toEqual([
        { order_id: 'o1', seq: 1, type: 'credit_card', installments: 2, value: '165.75' },
        { order_id: 'o2', seq: 1, type: 'not_defined', installments: 0, value: '0.00' },
        { order_id: 'o2', seq: 2, type: 'voucher', installments: 1, value: '24.00' },
      ]);
      expect(await rows(engine, `SELECT review_id, order_id, review_score AS score, review_comment_title AS title, review_comment_message AS message
          FROM silver.order_reviews ORDER BY 2`)).toEqual([
        { review_id: 'r1', order_id: 'o1', score: 5, title: null, message: 'Muito bom,\nchegou antes' },
        { review_id: 'r1', order_id: 'o2', score: 4, title: null, message: 'ok' },
      ]);
    });

    it('summarises geolocation per zip: medians, most frequent city (ties by name), point count', async () => {
      const g = await rows(engine, `SELECT geolocation_zip_code_prefix AS zip, geolocation_lat AS lat, geolocation_lng AS lng,
          geolocation_city AS city, geolocation_state AS state, points FROM silver.geolocation ORDER BY 1`);
      expect(g).toHaveLength(2);
      // Four good points: -23.5 (twice), -23.7, -23.6; 'sao paulo' three times, 'são paulo' once.
      expect(g[0]).toMatchObject({ zip: '01037', city: 'sao paulo', state: 'SP', points: 4 });
      expect(g[0]!.lat).toBeCloseTo(-23.55, 12);
      expect(g[0]!.lng).toBeCloseTo(-46.65, 12);
      expect(g[1]).toMatchObject({ zip: '20000', city: 'niteroi', state: 'RJ', points: 2 });
      expect(g[1]!.lat).toBeCloseTo(-22.85, 12);
      expect(g[1]!.lng).toBeCloseTo(-43.15, 12);
    });

    it('accounts for every geolocation point: 8 = 2 zips + 1 exact repeat + 3 other points merged + 2 quarantined', async () => {
      await materialiseSilver(engine, MODELS.find((m) => m.id === 'silver.geolocation')!);
      const balance = await countBalance(engine, 'geolocation');
      expect(balance).toEqual({ bronze: 8, silver: 2, quarantined: 2, exactDuplicates: 1, conflictingDuplicates: 3 });
      // Each merged point names the zip's first point, which silver keeps; row 8 repeats row 1 exactly.
      expect(await rows(engine, 'SELECT _row, _kept_row, _kind FROM duplicates.geolocation ORDER BY _row')).toEqual([
        { _row: 2, _kept_row: 1, _kind: 'conflicting' },
        { _row: 3, _kept_row: 1, _kind: 'conflicting' },
        { _row: 6, _kept_row: 5, _kind: 'conflicting' },
        { _row: 8, _kept_row: 1, _kind: 'exact' },
      ]);
      expect(await rows(engine, 'SELECT _row FROM silver.geolocation ORDER BY _row')).toEqual([{ _row: 1 }, { _row: 5 }]);
      expect(await rows(engine, "SELECT _row, _reason FROM quarantine.geolocation WHERE _stage = 'silver' ORDER BY _row")).toEqual([
        { _row: 4, _reason: 'point outside Brazil: 41.15, -8.61' },
        { _row: 7, _reason: 'geolocation_lat is not a number: abc' },
      ]);
    });

    it('builds order facts: items, revenue, revenue-bearing, unknown customers', async () => {
      const f = await rows(engine, `SELECT order_id, customer_unique_id AS person, customer_state AS state, order_status AS status, items,
          revenue::VARCHAR AS revenue, product_revenue::VARCHAR AS product_revenue, is_revenue_bearing AS bearing
        FROM gold.order_facts ORDER BY order_id`);
      expect(f).toEqual([
        { order_id: 'o1', person: 'u1', state: 'SP', status: 'delivered', items: 2, revenue: '165.75', product_revenue: '150.00', bearing: true },
        { order_id: 'o10', person: 'u6', state: 'RJ', status: 'approved', items: 1, revenue: '13.00', product_revenue: '12.00', bearing: true },
        { order_id: 'o11', person: 'u6', state: 'RJ', status: 'approved', items: 1, revenue: '13.00', product_revenue: '12.00', bearing: true },
        { order_id: 'o12', person: 'u6', state: 'RJ', status: 'approved', items: 1, revenue: '13.00', product_revenue: '12.00', bearing: true },
        { order_id: 'o13', person: 'u7', state: 'SP', status: 'delivered', items: 1, revenue: '525.00', product_revenue: '500.00', bearing: true },
        { order_id: 'o14', person: 'u8', state: 'MG', status: 'processing', items: 1, revenue: '60.00', product_revenue: '60.00', bearing: true },
        { order_id: 'o15', person: 'u6', state: 'RJ', status: 'approved', items: 1, revenue: '13.00', product_revenue: '12.00', bearing: true },
        { order_id: 'o2', person: 'u1', state: 'SP', status: 'delivered', items: 1, revenue: '24.00', product_revenue: '20.00', bearing: true },
        { order_id: 'o3', person: 'u2', state: 'RJ', status: 'canceled', items: 1, revenue: '220.00', product_revenue: '200.00', bearing: false },
        { order_id: 'o4', person: 'u3', state: 'MG', status: 'shipped', items: 1, revenue: '33.00', product_revenue: '30.00', bearing: true },
        { order_id: 'o5', person: 'u4', state: 'MG', status: 'unavailable', items: 0, revenue: '0.00', product_revenue: '0.00', bearing: false },
        { order_id: 'o6', person: 'u5', state: 'MG', status: 'invoiced', items: 0, revenue: '0.00', product_revenue: '0.00', bearing: false },
        { order_id: 'o7', person: null, state: 'unknown', status: 'delivered', items: 1, revenue: '46.00', product_revenue: '40.00', bearing: true },
      ]);
    });

    it('computes customer lifetime value and the documented 12-month prediction', async () => {
      const ltv = await rows(engine, `SELECT customer_unique_id AS person, orders, revenue::VARCHAR AS revenue, avg_order_value AS aov,
          first_purchase_at::VARCHAR AS first, last_purchase_at::VARCHAR AS last, lifespan_days AS lifespan, predicted_clv AS clv, expected_orders_12m AS expected
        FROM gold.customer_ltv ORDER BY 1`);
      expectClose(ltv, [
        { person: 'u1', orders: 2, revenue: '189.75', aov: 94.875, first: '2018-01-10 10:00:00', last: '2018-03-05 12:00:00', lifespan: 54, clv: 189.75, expected: 2 },
        { person: 'u3', orders: 1, revenue: '33.00', aov: 33, first: '2018-04-01 08:00:00', last: '2018-04-01 08:00:00', lifespan: 0, clv: 33, expected: 1 },
        { person: 'u6', orders: 4, revenue: '52.00', aov: 13, first: '2017-12-01 10:00:00', last: '2018-04-09 10:00:00', lifespan: 129, clv: 52, expected: 4 },
        // First purchase 456 days before the reference date 2018-04-11: 365/456 orders a year.
        { person: 'u7', orders: 1, revenue: '525.00', aov: 525, first: '2017-01-10 10:00:00', last: '2017-01-10 10:00:00', lifespan: 0, clv: 420.23, expected: 365 / 456 },
        { person: 'u8', orders: 1, revenue: '60.00', aov: 60, first: '2018-03-20 15:00:00', last: '2018-03-20 15:00:00', lifespan: 0, clv: 60, expected: 1 },
      ]);
    });

    it('scores RFM from the day after the last purchase of all orders, canceled ones included', async () => {
      const rfm = await rows(engine, `SELECT customer_unique_id AS person, recency_days AS r_days, frequency, monetary::VARCHAR AS monetary,
          r_score AS r, f_score AS f, m_score AS m, segment, reference_date::VARCHAR AS reference FROM gold.rfm ORDER BY 1`);
      expect(rfm).toEqual([
        { person: 'u1', r_days: 37, frequency: 2, monetary: '189.75', r: 2, f: 2, m: 4, segment: 'Needs attention', reference: '2018-04-11' },
        { person: 'u3', r_days: 10, frequency: 1, monetary: '33.00', r: 4, f: 1, m: 1, segment: 'New', reference: '2018-04-11' },
        { person: 'u6', r_days: 2, frequency: 4, monetary: '52.00', r: 5, f: 4, m: 2, segment: 'Champions', reference: '2018-04-11' },
        { person: 'u7', r_days: 456, frequency: 1, monetary: '525.00', r: 1, f: 1, m: 5, segment: 'Hibernating', reference: '2018-04-11' },
        { person: 'u8', r_days: 22, frequency: 1, monetary: '60.00', r: 3, f: 1, m: 3, segment: 'Promising', reference: '2018-04-11' },
      ]);
    });

    it('bands customers: q33 = 42, q67 = 83.25 of average order values 13, 33, 60, 94.875, 525', async () => {
      expect(await rows(engine, `SELECT customer_unique_id AS person, frequency_band AS f, aov_band AS aov FROM gold.customer_segments ORDER BY 1`)).toEqual([
        { person: 'u1', f: 'repeat', aov: 'high' },
        { person: 'u3', f: 'one-time', aov: 'low' },
        { person: 'u6', f: 'loyal', aov: 'low' },
        { person: 'u7', f: 'one-time', aov: 'high' },
        { person: 'u8', f: 'one-time', aov: 'mid' },
      ]);
    });

    it('measures deliveries, flags outliers and aggregates the others by customer state, seller state and month', async () => {
      const d = await rows(engine, `SELECT order_id, customer_state AS state, delivery_days AS days, estimated_days AS est, delay_days AS delay, is_late AS late, is_outlier AS outlier
        FROM gold.delivery_performance ORDER BY 1`);
      expect(d.map(({ est, ...rest }) => rest)).toEqual([
        { order_id: 'o1', state: 'SP', days: 10, delay: -5, late: false, outlier: false },
        { order_id: 'o13', state: 'SP', days: 10, delay: -12, late: false, outlier: true },
        { order_id: 'o2', state: 'SP', days: 15.25, delay: 5, late: true, outlier: false },
        { order_id: 'o7', state: 'unknown', days: 10, delay: -4, late: false, outlier: false },
      ]);
      expectClose(d.map((r) => r.est), [14 + 14 / 24, 21 + 14 / 24, 9.5, 13 + 14 / 24]);
      const measures = 'orders, on_time_rate AS on_time, avg_delivery_days AS avg_days, median_delivery_days AS median_days, avg_delay_days AS avg_delay';
      expect(await rows(engine, `SELECT customer_state AS k, ${measures} FROM gold.delivery_by_state ORDER BY 1`)).toEqual([
        { k: 'SP', orders: 2, on_time: 0.5, avg_days: 12.625, median_days: 12.625, avg_delay: 0 },
        { k: 'unknown', orders: 1, on_time: 1, avg_days: 10, median_days: 10, avg_delay: -4 },
      ]);
      // o1 has items from sellers in SP and RJ: it counts in both; o7's seller is not in silver.sellers.
      expect(await rows(engine, `SELECT seller_state AS k, ${measures} FROM gold.delivery_by_seller_state ORDER BY 1`)).toEqual([
        { k: 'RJ', orders: 1, on_time: 1, avg_days: 10, median_days: 10, avg_delay: -5 },
        { k: 'SP', orders: 2, on_time: 0.5, avg_days: 12.625, median_days: 12.625, avg_delay: 0 },
        { k: 'unknown', orders: 1, on_time: 1, avg_days: 10, median_days: 10, avg_delay: -4 },
      ]);
      expect(await rows(engine, `SELECT month::VARCHAR AS k, ${measures} FROM gold.delivery_by_month ORDER BY 1`)).toEqual([
        { k: '2018-01-01', orders: 1, on_time: 1, avg_days: 10, median_days: 10, avg_delay: -5 },
        { k: '2018-02-01', orders: 1, on_time: 1, avg_days: 10, median_days: 10, avg_delay: -4 },
        { k: '2018-03-01', orders: 1, on_time: 0, avg_days: 15.25, median_days: 15.25, avg_delay: 5 },
      ]);
    });

    it('splits revenue by category, state and month, and the totals agree to the cent', async () => {
      expect(await rows(engine, `SELECT category, orders, items, revenue::VARCHAR AS revenue, product_revenue::VARCHAR AS product_revenue
          FROM gold.revenue_by_category ORDER BY 1`)).toEqual([
        { category: 'bed_bath_table', orders: 4, items: 4, revenue: '240.50', product_revenue: '220.00' },
        // o1 has a pc_gamer item too: it counts as an order in both categories.
        { category: 'pc_gamer', orders: 2, items: 2, revenue: '580.25', product_revenue: '550.00' },
        { category: 'perfumery', orders: 4, items: 4, revenue: '52.00', product_revenue: '48.00' },
        { category: 'unknown', orders: 1, items: 1, revenue: '33.00', product_revenue: '30.00' },
      ]);
      expect(await rows(engine, `SELECT customer_state AS state, orders, customers, revenue::VARCHAR AS revenue FROM gold.revenue_by_state ORDER BY 1`)).toEqual([
        { state: 'MG', orders: 2, customers: 2, revenue: '93.00' },
        { state: 'RJ', orders: 4, customers: 1, revenue: '52.00' },
        { state: 'SP', orders: 3, customers: 2, revenue: '714.75' },
        { state: 'unknown', orders: 1, customers: 0, revenue: '46.00' },
      ]);
      expect(await rows(engine, `SELECT month::VARCHAR AS month, orders, revenue::VARCHAR AS revenue FROM gold.revenue_monthly ORDER BY 1`)).toEqual([
        { month: '2017-01-01', orders: 1, revenue: '525.00' },
        { month: '2017-12-01', orders: 1, revenue: '13.00' },
        { month: '2018-01-01', orders: 2, revenue: '178.75' },
        { month: '2018-02-01', orders: 2, revenue: '59.00' },
        { month: '2018-03-01', orders: 2, revenue: '84.00' },
        { month: '2018-04-01', orders: 2, revenue: '46.00' },
      ]);
      expect(await revenueTotals(engine)).toEqual({ by_category: '905.75', by_state: '905.75', monthly: '905.75', ltv_plus_unknown: '905.75', silver_items: '905.75' });
    });

    it('passes every error-severity expectation', async () => {
      const results = await expectationResults(engine);
      expect(results.filter((r) => typeof r.failing === 'string' || (r.severity === 'error' && r.failing !== 0))).toEqual([]);
      const warned = results.filter((r) => r.severity === 'warn' && r.failing !== 0).map((r) => `${r.model}: ${r.name}`);
      expect(warned).toEqual(expect.arrayContaining([
        'silver.orders: relationships(customer_id; silver.customers.customer_id)',
        'silver.order_items: relationships(seller_id; silver.sellers.seller_id)',
        'gold.order_facts: every order\'s customer is known',
      ]));
    });
  });
});
