import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { testEngines } from '../../engine/testEngines';
import type { InputFile } from '../../ingest/inputFile';
import { loadFiles } from '../../ingest/loadFiles';
import { compileExpectation } from '../expectations/compileExpectation';
import { parseModel, type Model } from '../model';

/*
 * The silver and gold models on both engines: the generated Olist data (sf 0.01) for the
 * properties that must hold on any data, and a hand-made bronze of a few rows per source
 * for exact gold numbers worked out by hand from DESIGN.md section 6.
 *
 * The harness below stands in for the runner: models in dependency order; a silver model
 * is materialised into a stage table (kept, so tests can look at every row and its
 * _reason), then silver.<name> = the good rows, the first per key by _row.
 */

const MODELS_DIR = fileURLToPath(new URL('.', import.meta.url));
const SILVER_SOURCES = ['category_translation', 'customers', 'geolocation', 'order_items', 'order_payments', 'order_reviews', 'orders', 'products', 'sellers'];

function readModels(): Model[] {
  return (['silver', 'gold'] as const).flatMap((layer) =>
    readdirSync(join(MODELS_DIR, layer))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => parseModel({ path: `${layer}/${f}`, sql: readFileSync(join(MODELS_DIR, layer, f), 'utf8') })),
  );
}

/** Each model after the models it reads. */
function dependencyOrder(models: Model[]): Model[] {
  const ids = new Set(models.map((m) => m.id));
  const done = new Set<string>();
  const order: Model[] = [];
  while (order.length < models.length) {
    const ready = models.filter((m) => !done.has(m.id) && m.references.every((r) => !ids.has(r) || done.has(r)));
    if (ready.length === 0) throw new Error('models depend on each other in a cycle');
    for (const m of ready) done.add(m.id), order.push(m);
  }
  return order;
}

const MODELS = dependencyOrder(readModels());
const SILVER = MODELS.filter((m) => m.layer === 'silver');
const GOLD = MODELS.filter((m) => m.layer === 'gold');
const stage = (name: string) => `main.${quoteIdent(`stage_${name}`)}`;

async function buildLakehouse(engine: Engine, files: InputFile[]): Promise<void> {
  const report = await loadFiles(engine, files, { loadedAt: new Date(Date.UTC(2024, 0, 1)) });
  expect(report.errors).toEqual([]);
  for (const model of MODELS) {
    await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${model.layer}`);
    const target = qualified(model.layer, model.name);
    try {
      if (model.layer === 'silver') {
        await engine.exec(`CREATE OR REPLACE TABLE ${stage(model.name)} AS ${model.sql}`);
        const key = model.key.map(quoteIdent).join(', ');
        await engine.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT * EXCLUDE (_reason) FROM ${stage(model.name)}
          WHERE _reason IS NULL QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY _row, _source) = 1`);
      } else {
        await engine.exec(`CREATE OR REPLACE TABLE ${target} AS ${model.sql}`);
      }
    } catch (error) {
      throw new Error(`${model.path}: ${(error as Error).message}`);
    }
  }
}

type Row = Record<string, unknown>;

/** Rows as plain objects; BIGINT becomes a number. Cast DECIMAL and TIMESTAMP to VARCHAR in SQL to compare them exactly. */
async function rows(engine: Engine, sql: string): Promise<Row[]> {
  const table = await engine.query(sql);
  return table.toArray().map((r) => {
    const o: Row = { ...r.toJSON() };
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
    return o;
  });
}

/** Deep equality where numbers may differ by 1e-9 (relative): doubles computed two ways. */
function expectClose(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Row)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

async function one(engine: Engine, sql: string): Promise<Row> {
  const [row] = await rows(engine, sql);
  return row!;
}

async function columnTypes(engine: Engine, table: string): Promise<Record<string, string>> {
  const described = await rows(engine, `SELECT column_name, column_type FROM (DESCRIBE ${table})`);
  return Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)]));
}

/** Every table of the layer, rows ordered by key, doubles as numbers and everything else as text. */
async function snapshot(engine: Engine, models: Model[]): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const m of models) {
    const table = qualified(m.layer, m.name);
    const types = await columnTypes(engine, table);
    const select = Object.entries(types)
      .map(([c, t]) => (t === 'DOUBLE' || t === 'FLOAT' ? quoteIdent(c) : `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`))
      .join(', ');
    out.set(m.id, await rows(engine, `SELECT ${select} FROM ${table} ORDER BY ${m.key.map(quoteIdent).join(', ')}`));
  }
  return out;
}

/** Failing-row counts of every expectation in the model headers (plus the implied unique key). */
async function expectationResults(engine: Engine): Promise<{ model: string; name: string; severity: string; failing: number | string }[]> {
  const results = [];
  for (const m of MODELS) {
    const specs = [{ kind: 'unique' as const, args: [m.key.join(', ')], severity: 'error' as const, name: `unique(${m.key.join(', ')})` }, ...m.expectations];
    for (const spec of specs) {
      let failing: number | string;
      try {
        failing = Number((await one(engine, `SELECT count(*)::BIGINT AS n FROM (${compileExpectation(spec, qualified(m.layer, m.name))})`)).n);
      } catch (error) {
        failing = `error: ${(error as Error).message.split('\n')[0]}`;
      }
      results.push({ model: m.id, name: spec.name, severity: spec.severity, failing });
    }
  }
  return results;
}

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
    last_purchase_at: 'TIMESTAMP', lifespan_days: 'INTEGER', predicted_clv: MONEY, expected_orders_12m: 'DOUBLE',
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

/** Revenue totals of the gold tables (and of silver items, computed without gold), as exact text. */
async function revenueTotals(engine: Engine): Promise<Record<string, string>> {
  const total = (sql: string) => `(SELECT coalesce(sum(revenue), 0)::DECIMAL(18,2)::VARCHAR FROM (${sql}))`;
  const row = await one(engine, `SELECT
      ${total('SELECT revenue FROM gold.revenue_by_category')} AS by_category,
      ${total('SELECT revenue FROM gold.revenue_by_state')} AS by_state,
      ${total('SELECT revenue FROM gold.revenue_monthly')} AS monthly,
      ${total(`SELECT revenue FROM gold.customer_ltv UNION ALL
               SELECT revenue FROM gold.order_facts WHERE is_revenue_bearing AND customer_unique_id IS NULL`)} AS ltv_plus_unknown,
      ${total(`SELECT i.price + i.freight_value AS revenue FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id)
               WHERE coalesce(o.order_status, '') NOT IN ('canceled', 'unavailable')`)} AS silver_items`);
  return row as Record<string, string>;
}

const goldSnapshots = new Map<string, Map<string, Row[]>>();
const silverSnapshots = new Map<string, Map<string, Row[]>>();

describe.each(testEngines)('models on %s', (kind, open) => {
  describe('generated Olist data (sf 0.01)', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await buildLakehouse(engine, generateOlist({ sf: 0.01 }).map((f) => ({ path: f.name, bytes: f.bytes })));
      goldSnapshots.set(kind, await snapshot(engine, GOLD));
      silverSnapshots.set(kind, await snapshot(engine, SILVER));
    });
    afterAll(async () => {
      await engine?.close();
    });

    it('has one silver model per source, and silver models read only bronze and silver', () => {
      expect(SILVER.map((m) => m.name).sort()).toEqual(SILVER_SOURCES);
      for (const m of SILVER) {
        expect(m.references, m.id).toContain(`bronze.${m.name}`);
        expect(m.references.every((r) => r.startsWith('bronze.') || r.startsWith('silver.')), m.id).toBe(true);
        expect(m.key.length, m.id).toBeGreaterThan(0);
        expect(m.grain, m.id).toBeTruthy();
      }
      for (const m of GOLD) expect(m.references.some((r) => r.startsWith('bronze.')), m.id).toBe(false);
    });

    it.each(SILVER_SOURCES)('silver.%s returns every bronze row exactly once, with the bronze columns unchanged', async (name) => {
      const counts = await one(engine, `SELECT
          (SELECT count(*) FROM bronze.${name}) AS bronze,
          (SELECT count(*) FROM ${stage(name)}) AS staged,
          (SELECT count(DISTINCT (_source, _row)) FROM ${stage(name)}) AS distinct_rows,
          (SELECT count(*) FROM bronze.${name} AS b ANTI JOIN ${stage(name)} AS s
             ON s._source = b._source AND s._row = b._row AND s._source_kind = b._source_kind AND s._loaded_at = b._loaded_at) AS missing`);
      expect(counts.staged).toBe(counts.bronze);
      expect(counts.distinct_rows).toBe(counts.bronze);
      expect(counts.missing).toBe(0);
      const types = await columnTypes(engine, stage(name));
      expect(Object.keys(types).slice(-5)).toEqual(['_source', '_source_kind', '_row', '_loaded_at', '_reason']);
    });

    it('quarantines the geolocation points outside Brazil and keeps one summary row per zip prefix', async () => {
      const g = await one(engine, `SELECT
          count(*) FILTER (WHERE _reason LIKE 'point outside Brazil%') AS outside,
          count(*) FILTER (WHERE _reason IS NOT NULL) AS quarantined,
          (SELECT count(*) FROM bronze.geolocation
            WHERE NOT (TRY_CAST(geolocation_lat AS DOUBLE) BETWEEN -34 AND 6 AND TRY_CAST(geolocation_lng AS DOUBLE) BETWEEN -74 AND -34)) AS expected_outside,
          count(DISTINCT geolocation_zip_code_prefix) FILTER (WHERE _reason IS NULL) AS zips,
          (SELECT count(*) FROM silver.geolocation) AS silver_rows,
          (SELECT sum(points)::BIGINT FROM silver.geolocation) AS points,
          count(*) FILTER (WHERE _reason IS NULL) AS good
        FROM ${stage('geolocation')}`);
      expect(g.outside).toBeGreaterThan(0);
      expect(g.outside).toBe(g.expected_outside);
      expect(g.quarantined).toBe(g.outside);
      expect(g.silver_rows).toBe(g.zips);
      expect(g.points).toBe(g.good);
      // Every good row of a zip carries the same summary, so the runner's choice of row does not matter.
      const spread = await one(engine, `SELECT count(*) AS n FROM (
          SELECT geolocation_zip_code_prefix FROM ${stage('geolocation')} WHERE _reason IS NULL
          GROUP BY ALL HAVING count(DISTINCT (geolocation_lat, geolocation_lng, geolocation_city, geolocation_state, points)) > 1)`);
      expect(spread.n).toBe(0);
    });

    it('makes every zip prefix five digits', async () => {
      for (const [table, column] of [['customers', 'customer_zip_code_prefix'], ['sellers', 'seller_zip_code_prefix'], ['geolocation', 'geolocation_zip_code_prefix']]) {
        const z = await one(engine, `SELECT count(*) AS n, count(*) FILTER (WHERE regexp_full_match(${column}, '[0-9]{5}')) AS ok,
            count(*) FILTER (WHERE ${column} LIKE '0%') AS leading_zero FROM silver.${table}`);
        expect(z.ok, table).toBe(z.n);
        if (table === 'customers') expect(z.leading_zero, table).toBeGreaterThan(0);
      }
    });

    it("names product categories in English, falls back to Portuguese, and uses 'unknown' without a category", async () => {
      const p = await rows(engine, `SELECT product_category_name AS pt, product_category_name_english AS en, count(*) AS n
          FROM silver.products WHERE product_category_name IN ('pc_gamer', 'beleza_saude') OR product_category_name IS NULL GROUP BY ALL ORDER BY ALL`);
      expect(p.map(({ pt, en }) => [pt, en])).toEqual([['beleza_saude', 'health_beauty'], ['pc_gamer', 'pc_gamer'], [null, 'unknown']]);
      const categories = await rows(engine, `SELECT category FROM gold.revenue_by_category WHERE category IN ('unknown', 'pc_gamer', 'health_beauty') ORDER BY 1`);
      expect(categories.map((r) => r.category)).toEqual(['health_beauty', 'pc_gamer', 'unknown']);
    });

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

    it('passes every error-severity expectation; warn expectations run and find the known quirks', async () => {
      const results = await expectationResults(engine);
      expect(results.filter((r) => typeof r.failing === 'string')).toEqual([]);
      expect(results.filter((r) => r.severity === 'error' && r.failing !== 0)).toEqual([]);
      const warned = results.filter((r) => r.severity === 'warn' && r.failing !== 0).map((r) => `${r.model}: ${r.name}`);
      expect(warned).toContain('silver.order_payments: accepted_values(payment_type; credit_card, boleto, voucher, debit_card)');
      expect(warned).toContain('silver.order_payments: range(payment_installments; 1; )');
      expect(warned).toContain('silver.products: relationships(product_category_name; silver.category_translation.product_category_name)');
    });
  });

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
      expect(g[0]).toMatchObject({ zip: '01037', city: 'sao paulo', state: 'SP', points: 3 });
      expect(g[0]!.lat).toBeCloseTo(-23.6, 12);
      expect(g[0]!.lng).toBeCloseTo(-46.7, 12);
      expect(g[1]).toMatchObject({ zip: '20000', city: 'niteroi', state: 'RJ', points: 2 });
      expect(g[1]!.lat).toBeCloseTo(-22.85, 12);
      expect(g[1]!.lng).toBeCloseTo(-43.15, 12);
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

describe('native and wasm agree', () => {
  const compare = (snapshots: Map<string, Map<string, Row[]>>, model: string) => {
    const [wasm, native] = [snapshots.get('wasm')?.get(model), snapshots.get('native')?.get(model)];
    expect(wasm, 'wasm result').toBeDefined();
    expect(native, 'native result').toBeDefined();
    expect(wasm!.length).toBe(native!.length);
    wasm!.forEach((row, i) => {
      const other = native![i]!;
      expect(Object.keys(row)).toEqual(Object.keys(other));
      for (const [column, value] of Object.entries(row)) {
        const where = `${model} row ${i} ${column}`;
        if (typeof value === 'number' && typeof other[column] === 'number') {
          expect(Math.abs(value - (other[column] as number)), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
        } else {
          expect(value, where).toEqual(other[column]);
        }
      }
    });
  };
  it.each(GOLD.map((m) => m.id))('%s is the same on both engines', (model) => compare(goldSnapshots, model));
  it.each(SILVER.map((m) => m.id))('%s is the same on both engines', (model) => compare(silverSnapshots, model));
});

// ---------------------------------------------------------------------------------------
// Hand-made bronze: a few rows per source, each there for a reason (see the tests above).
// Customers u1..u8 are people; o7's customer is missing; o3 is canceled and has the last
// purchase of all (so the RFM reference date is 2018-04-11); o5 and o6 have no items.

const csv = (name: string, lines: string[], prefix = '', eol = '\n'): InputFile => ({
  path: name,
  bytes: new TextEncoder().encode(prefix + lines.join(eol) + eol),
});

const HAND_MADE: InputFile[] = [
  csv('olist_customers_dataset.csv', [
    '"customer_id","customer_unique_id","customer_zip_code_prefix","customer_city","customer_state"',
    'c1,u1,1037, Sao Paulo ,sp',
    'c2,u1,"01037",sao paulo,SP',
    'c3,u2,"20000",rio de janeiro,RJ',
    'c3,u2,"20000",rio de janeiro,RJ',
    'c4,u3,"30000",belo horizonte,MG',
    'c5,u4,"30100",belo horizonte,MG',
    'c6,u5,"30200",contagem,MG',
    'c10,u6,"20010",rio de janeiro,RJ',
    'c11,u6,"20010",rio de janeiro,RJ',
    'c12,u6,"20010",rio de janeiro,RJ',
    'c15,u6,"20010",rio de janeiro,RJ',
    'c13,u7,"01310",sao paulo,sp',
    'c14,u8,"30300",belo horizonte,MG',
    ',u9,"40000",salvador,BA',
  ]),
  csv('olist_orders_dataset.csv', [
    '"order_id","customer_id","order_status","order_purchase_timestamp","order_approved_at","order_delivered_carrier_date","order_delivered_customer_date","order_estimated_delivery_date"',
    'o1,c1,delivered,2018-01-10 10:00:00,2018-01-10 10:30:00,2018-01-12 08:00:00,2018-01-20 10:00:00,2018-01-25 00:00:00',
    'o2,c2,delivered,2018-03-05 12:00:00,2018-03-05 12:10:00,2018-03-07 09:00:00,2018-03-20 18:00:00,2018-03-15 00:00:00',
    'o3,c3,canceled,2018-04-10 09:00:00,,,,2018-04-30 00:00:00',
    'o4,c4,Shipped ,2018-04-01 08:00:00,2018-04-01 09:00:00,2018-04-03 10:00:00,,2018-04-20 00:00:00',
    'o5,c5,unavailable,2018-02-20 10:00:00,2018-02-20 11:00:00,,,2018-03-10 00:00:00',
    'o6,c6,invoiced,2018-02-25 10:00:00,2018-02-25 11:00:00,,,2018-03-15 00:00:00',
    'o7,c_missing,delivered,2018-02-15 10:00:00,2018-02-15 10:05:00,2018-02-16 10:00:00,2018-02-25 10:00:00,2018-03-01 00:00:00',
    'o8,c1,delivered,not a date,,,,',
    'o10,c10,approved,2017-12-01 10:00:00,2017-12-01 10:10:00,,,2017-12-20 00:00:00',
    'o11,c11,approved,2018-02-01 10:00:00,2018-02-01 10:10:00,,,2018-02-20 00:00:00',
    'o12,c12,approved,2018-04-09 10:00:00,2018-04-09 10:10:00,,,2018-04-28 00:00:00',
    'o15,c15,approved,2018-01-15 10:00:00,2018-01-15 10:10:00,,,2018-02-05 00:00:00',
    'o13,c13,delivered,2017-01-10 10:00:00,2017-01-10 09:00:00,2017-01-11 10:00:00,2017-01-20 10:00:00,2017-02-01 00:00:00',
    'o14,c14,processing,2018-03-20 15:00:00,2018-03-20 15:30:00,,,2018-04-10 00:00:00',
    'o9,c1,delivered,2018-01-05 10:00:00,bad,,,',
  ]),
  csv('olist_order_items_dataset.csv', [
    '"order_id","order_item_id","product_id","seller_id","shipping_limit_date","price","freight_value"',
    'o1,1,p1,s1,2018-01-15 10:00:00,100.00,10.50',
    'o1,2,p2,s2,2018-01-15 10:00:00,50.00,5.25',
    'o2,1,p1,s1,2018-03-10 12:00:00,20.00,4.00',
    'o3,1,p1,s1,2018-04-15 09:00:00,200.00,20.00',
    'o4,1,p3,s1,2018-04-06 08:00:00,30.00,3.00',
    'o4,2,p3,s1,2018-04-06 08:00:00,abc,3.00',
    'o4,3,p3,s1,2018-04-06 08:00:00,30.00,-1.00',
    'o7,1,p1,s3,2018-02-20 10:00:00,40.00,6.00',
    'o10,1,p4,s2,2017-12-06 10:00:00,12.00,1.00',
    'o11,1,p4,s2,2018-02-06 10:00:00,12.00,1.00',
    'o12,1,p4,s2,2018-04-14 10:00:00,12.00,1.00',
    'o15,1,p4,s2,2018-01-20 10:00:00,12.00,1.00',
    'o13,1,p2,s1,2017-01-15 10:00:00,500.00,25.00',
    'o14,1,p1,s2,2018-03-25 15:00:00,60.00,0.00',
    'o1,1,p1,s1,2018-01-15 10:00:00,999.00,10.50',
  ]),
  csv('olist_order_payments_dataset.csv', [
    '"order_id","payment_sequential","payment_type","payment_installments","payment_value"',
    'o1,1,credit_card,2,165.75',
    'o2,1,not_defined,0,0.00',
    'o2,2,Voucher ,1,24.00',
    'o3,1,boleto,1,x',
  ]),
  csv('olist_order_reviews_dataset.csv', [
    '"review_id","order_id","review_score","review_comment_title","review_comment_message","review_creation_date","review_answer_timestamp"',
    'r1,o1,5,,"  Muito bom,\nchegou antes\n",2018-01-21 00:00:00,2018-01-22 10:00:00',
    'r1,o2,4,"",ok,2018-03-21 00:00:00,2018-03-22 00:00:00',
    'r2,o3,6,,,2018-04-11 00:00:00,2018-04-12 00:00:00',
    'r3,o4,,,,2018-04-21 00:00:00,',
  ]),
  csv('olist_products_dataset.csv', [
    '"product_id","product_category_name","product_name_lenght","product_description_lenght","product_photos_qty","product_weight_g","product_length_cm","product_height_cm","product_width_cm"',
    'p1,cama_mesa_banho,40,300,2,500,20,10,15',
    'p2,pc_gamer,50,800,3,8000,50,40,30',
    'p3,,,,,300,16,5,11',
    'p4, perfumaria ,45,200,1,100,16,10,11',
    'p6,perfumaria,45,200,1,heavy,16,10,11',
    'p5,"",45,200,1,100,16,10,11',
  ]),
  csv('olist_sellers_dataset.csv', [
    '"seller_id","seller_zip_code_prefix","seller_city","seller_state"',
    's1,1001,Sao Paulo / SP,sp',
    's2,"20020",rio de janeiro,RJ',
  ]),
  csv('olist_geolocation_dataset.csv', [
    '"geolocation_zip_code_prefix","geolocation_lat","geolocation_lng","geolocation_city","geolocation_state"',
    '"01037",-23.5,-46.6,sao paulo,SP',
    '"01037",-23.7,-46.8,São Paulo,SP',
    '1037,-23.6,-46.7,sao paulo,SP',
    '"01037",41.15,-8.61,porto,SP',
    '"20000",-22.9,-43.2,rio,RJ',
    '"20000",-22.8,-43.1,niteroi,rj',
    '"30000",abc,-43.9,belo horizonte,MG',
  ]),
  // Like the real file: a byte-order mark, CRLF line ends.
  csv('product_category_name_translation.csv', [
    'product_category_name,product_category_name_english',
    'cama_mesa_banho,bed_bath_table',
    'perfumaria,perfumery',
  ], '\uFEFF', '\r\n'),
];
