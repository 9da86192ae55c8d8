import { expect, it } from 'vitest';
import { engine } from './generatedLakehouse';
import { columnTypes, GOLD, one, revenueTotals, rows } from './testHarness';

/** DESIGN.md section 6 columns of each gold table (key first), plus the documented extras, with their types. */
const MONEY = ['DECIMAL(12,2)', 'DOUBLE'];
const GOLD_COLUMNS: Record<string, Record<string, string | string[]>> = {
  order_facts: {
    order_id: 'VARCHAR', customer_id: 'VARCHAR', customer_unique_id: 'VARCHAR', customer_state: 'VARCHAR', order_status: 'VARCHAR',
    purchased_at: 'TIMESTAMP', approved_at: 'TIMESTAMP', carrier_at: 'TIMESTAMP', delivered_at: 'TIMESTAMP', estimated_at: 'TIMESTAMP',
    items: 'INTEGER', revenue: MONEY, product_revenue: MONEY, is_revenue_bearing: 'BOOLEAN',
  },
  customer_ltv: {
    customer_unique_id: 'VARCHAR', orders: 'INTEGER', revenue: MONEY, avg_order_value: MONEY, first_purchase_at: 'TIMESTAMP',
    last_purchase_at: 'TIMESTAMP', lifespan_days: 'INTEGER', predicted_clv: MONEY, expected_orders_12m: 'DOUBLE', reference_date: 'DATE',
  },
  rfm: {
    customer_unique_id: 'VARCHAR', recency_days: 'INTEGER', frequency: 'INTEGER', monetary: MONEY, r_score: 'INTEGER',
    f_score: 'INTEGER', m_score: 'INTEGER', segment: 'VARCHAR', reference_date: 'DATE',
  },
  customer_segments: { customer_unique_id: 'VARCHAR', frequency_band: 'VARCHAR', aov_band: 'VARCHAR', orders: 'INTEGER', avg_order_value: MONEY },
  delivery_performance: {
    order_id: 'VARCHAR', customer_state: 'VARCHAR', purchased_at: 'TIMESTAMP', delivered_at: 'TIMESTAMP', estimated_at: 'TIMESTAMP',
    delivery_days: 'DOUBLE', estimated_days: 'DOUBLE', delay_days: 'INTEGER', is_late: 'BOOLEAN', is_outlier: 'BOOLEAN',
  },
  ...Object.fromEntries(
    [['delivery_by_state', 'customer_state', 'VARCHAR'], ['delivery_by_seller_state', 'seller_state', 'VARCHAR'], ['delivery_by_month', 'month', 'DATE']].map(
      ([table, key, type]) => [table!, { [key!]: type!, orders: 'INTEGER', on_time_rate: 'DOUBLE', avg_delivery_days: 'DOUBLE', median_delivery_days: 'DOUBLE', avg_delay_days: 'DOUBLE' }],
    ),
  ),
  revenue_by_category: { category: 'VARCHAR', orders: 'INTEGER', items: 'INTEGER', revenue: MONEY, product_revenue: MONEY },
  revenue_by_state: { customer_state: 'VARCHAR', orders: 'INTEGER', customers: 'INTEGER', revenue: MONEY },
  revenue_monthly: { month: 'DATE', orders: 'INTEGER', revenue: MONEY },
  revenue_reconciliation: { figure: 'VARCHAR', orders: 'BIGINT', revenue: 'DECIMAL(18,2)', revenue_difference: 'DECIMAL(18,2)', orders_difference: 'BIGINT' },
};

const GOLD_KEYS: Record<string, string[]> = {
  order_facts: ['order_id'], customer_ltv: ['customer_unique_id'], rfm: ['customer_unique_id'], customer_segments: ['customer_unique_id'],
  delivery_performance: ['order_id'], delivery_by_state: ['customer_state'], delivery_by_seller_state: ['seller_state'], delivery_by_month: ['month'],
  revenue_by_category: ['category'], revenue_by_state: ['customer_state'], revenue_monthly: ['month'], revenue_reconciliation: ['figure'],
};

/**
 * The gold models on the generated Olist data: the DESIGN.md section 6 contract (columns,
 * types, grain) and properties that must hold on any data. Registered by
 * generatedData.test.ts, once per engine; exact numbers are in handMadeExamples.test.ts.
 */
export function goldCases(): void {
  it.each(Object.keys(GOLD_COLUMNS))('gold.%s has the contract columns and types, and a unique grain', async (table) => {
    const model = GOLD.find((m) => m.name === table);
    expect(model, table).toBeDefined();
    expect(model!.key).toEqual(GOLD_KEYS[table]);
    const types = await columnTypes(engine, `gold.${table}`);
    expect(Object.keys(types)).toEqual(Object.keys(GOLD_COLUMNS[table]!));
    for (const [column, type] of Object.entries(GOLD_COLUMNS[table]!)) {
      expect([type].flat(), `${table}.${column} is ${types[column]}`).toContain(types[column]);
    }
    const key = GOLD_KEYS[table]!.join(', ');
    const grain = await one(engine, `SELECT count(*) AS n, count(DISTINCT (${key})) AS keys, count(*) FILTER (WHERE (${key}) IS NULL) AS null_keys FROM gold.${table}`);
    expect(grain.n).toBeGreaterThan(0);
    expect(grain.keys).toBe(grain.n);
    expect(grain.null_keys).toBe(0);
  });

  it('reconciles the revenue totals to the cent', async () => {
    const t = await revenueTotals(engine);
    expect(Number(t.by_category)).toBeGreaterThan(0);
    expect(t).toEqual({ by_category: t.silver_items, by_state: t.silver_items, monthly: t.silver_items, ltv_plus_unknown: t.silver_items, silver_items: t.silver_items });
    const counts = await one(engine, `SELECT
        (SELECT count(*) FROM silver.orders) AS orders, (SELECT count(*) FROM gold.order_facts) AS facts,
        (SELECT sum(orders)::BIGINT FROM gold.revenue_by_state) AS by_state, (SELECT sum(orders)::BIGINT FROM gold.revenue_monthly) AS monthly,
        (SELECT count(*) FROM gold.order_facts WHERE is_revenue_bearing) AS bearing,
        (SELECT count(DISTINCT i.order_id) FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id) WHERE o.order_status NOT IN ('canceled', 'unavailable')) AS independent,
        (SELECT sum(orders)::BIGINT FROM gold.revenue_by_category) AS by_category,
        (SELECT sum(items)::BIGINT FROM gold.revenue_by_category) AS category_items,
        (SELECT sum(items)::BIGINT FROM gold.order_facts WHERE is_revenue_bearing) AS bearing_items`);
    expect(counts.facts).toBe(counts.orders);
    expect(counts.bearing).toBe(counts.independent);
    expect(counts.by_state).toBe(counts.bearing);
    expect(counts.monthly).toBe(counts.bearing);
    expect(counts.by_category).toBeGreaterThanOrEqual(Number(counts.bearing));
    expect(counts.category_items).toBe(counts.bearing_items);
    const figures = await rows(engine, `SELECT figure, revenue_difference::VARCHAR AS d FROM gold.revenue_reconciliation`);
    expect(figures).toHaveLength(6);
    for (const f of figures) expect(f.d, String(f.figure)).toBe('0.00');
  });

  it('scores RFM in 1..5 with NTILE-sized quintiles, and finds several segments', async () => {
    const r = await one(engine, `SELECT count(*) AS n,
        count(*) FILTER (WHERE r_score NOT BETWEEN 1 AND 5 OR f_score NOT BETWEEN 1 AND 5 OR m_score NOT BETWEEN 1 AND 5) AS out_of_range,
        count(*) FILTER (WHERE f_score <> least(frequency, 5)) AS bad_f,
        (SELECT count(*) FROM gold.customer_ltv) AS customers,
        (SELECT max(n) - min(n) FROM (SELECT count(*) AS n FROM gold.rfm GROUP BY r_score)) AS r_spread,
        (SELECT max(n) - min(n) FROM (SELECT count(*) AS n FROM gold.rfm GROUP BY m_score)) AS m_spread,
        count(*) FILTER (WHERE frequency >= 2) AS repeat_buyers
      FROM gold.rfm`);
    expect(r.n).toBe(r.customers);
    expect(r.out_of_range).toBe(0);
    expect(r.bad_f).toBe(0);
    expect(r.r_spread).toBeLessThanOrEqual(1);
    expect(r.m_spread).toBeLessThanOrEqual(1);
    expect(r.repeat_buyers).toBeGreaterThan(0);
    const segments = await rows(engine, `SELECT segment, count(*) AS n FROM gold.rfm GROUP BY ALL`);
    expect(segments.filter((s) => Number(s.n) > 0).length).toBeGreaterThanOrEqual(5);
    // The most recent buyers score r 5, and recency is counted from the day after the last purchase of all orders.
    const recent = await one(engine, `SELECT min(recency_days) AS min_recency, max(r_score) FILTER (WHERE recency_days = (SELECT min(recency_days) FROM gold.rfm)) AS r
      FROM gold.rfm`);
    expect(recent.r).toBe(5);
    expect(recent.min_recency).toBeGreaterThanOrEqual(1);
  });

  it('bands customers by frequency and by the 1/3 and 2/3 quantiles of average order value', async () => {
    const bands = await rows(engine, `SELECT aov_band, count(*) AS n FROM gold.customer_segments GROUP BY ALL ORDER BY ALL`);
    expect(bands.map((b) => b.aov_band)).toEqual(['high', 'low', 'mid']);
    const total = bands.reduce((a, b) => a + Number(b.n), 0);
    for (const b of bands) expect(Math.abs(Number(b.n) - total / 3), String(b.aov_band)).toBeLessThan(total * 0.05 + 2);
  });

  it('flags delivery outliers and leaves them out of the aggregates', async () => {
    const d = await one(engine, `SELECT count(*) FILTER (WHERE is_outlier) AS outliers, count(*) FILTER (WHERE NOT is_outlier) AS kept,
        count(*) FILTER (WHERE delivered_at < purchased_at) AS delivered_before_purchase,
        (SELECT sum(orders)::BIGINT FROM gold.delivery_by_state) AS by_state, (SELECT sum(orders)::BIGINT FROM gold.delivery_by_month) AS by_month,
        (SELECT count(*) FROM gold.order_facts WHERE order_status = 'delivered' AND delivered_at IS NOT NULL) AS delivered
      FROM gold.delivery_performance`);
    expect(d.outliers).toBeGreaterThan(0);
    expect(d.delivered_before_purchase).toBeGreaterThan(0);
    expect(Number(d.outliers) + Number(d.kept)).toBe(d.delivered);
    expect(d.by_state).toBe(d.kept);
    expect(d.by_month).toBe(d.kept);
  });
}
