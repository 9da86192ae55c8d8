import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { testEngines } from '../engine/testEngines';
import { loadFiles } from '../ingest/loadFiles';
import { parseModel, type ModelFile } from './model';
import { runPipeline } from './runner';

const utf8 = (s: string) => new TextEncoder().encode(s);

const ORDERS_CSV = `order_id,customer_id,order_status,order_purchase_timestamp
o1,c1,delivered,2018-01-01 10:00:00
o2,c2,Delivered ,2018-01-02 10:00:00
o1,c1,delivered,2018-01-01 10:00:00
o3,c3,shipped,not a date
o2,c9,canceled,2018-01-05 10:00:00
,c4,delivered,2018-01-06 10:00:00
`;

const MODELS: ModelFile[] = [
  {
    path: 'silver/orders.sql',
    sql: `-- Orders, typed.
-- key: order_id
-- expect: accepted_values(order_status; delivered, shipped) warn
-- expect: relationships(customer_id; silver.sellers.seller_id) warn
-- expect: sql(no order without a seller; SELECT order_id FROM silver.orders WHERE order_id NOT IN (SELECT seller_id FROM silver.sellers)) warn
SELECT order_id, customer_id, lower(trim(order_status)) AS order_status,
  TRY_CAST(order_purchase_timestamp AS TIMESTAMP) AS purchased_at,
  _source, _source_kind, _row, _loaded_at,
  CASE WHEN order_id IS NULL THEN 'order_id is missing'
       WHEN TRY_CAST(order_purchase_timestamp AS TIMESTAMP) IS NULL THEN 'order_purchase_timestamp is not a timestamp: ' || order_purchase_timestamp
  END AS _reason
FROM bronze.orders`,
  },
  {
    path: 'gold/orders_by_status.sql',
    sql: `-- Orders per status.
-- key: order_status
-- expect: row_count_between(1; 10)
-- expect: sql(total matches silver; SELECT 1 WHERE (SELECT sum(orders) FROM gold.orders_by_status) <> (SELECT count(*) FROM silver.orders))
SELECT order_status, count(*)::INTEGER AS orders FROM silver.orders GROUP BY ALL`,
  },
  { path: 'gold/broken.sql', sql: '-- Refers to a column that does not exist.\nSELECT no_such_column FROM silver.orders' },
  { path: 'gold/after_broken.sql', sql: '-- Reads the broken model.\nSELECT * FROM gold.broken' },
  { path: 'silver/sellers.sql', sql: '-- Sellers (not loaded in this test).\n-- key: seller_id\nSELECT *, NULL AS _reason FROM bronze.sellers' },
];

describe.each(testEngines)('runPipeline on the %s engine', (_kind, open) => {
  let engine: Engine;
  let run: Awaited<ReturnType<typeof runPipeline>>;
  beforeAll(async () => {
    engine = await open();
    await loadFiles(engine, [{ path: 'orders.csv', bytes: utf8(ORDERS_CSV) }]);
    run = await runPipeline(engine, MODELS.map(parseModel));
  });
  afterAll(async () => {
    await engine?.close();
  });
  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());
  const model = (name: string) => run.models.find((m) => m.name === name)!;

  it('runs models in dependency order with rows, time and dependencies', () => {
    expect(run.models.map((m) => m.name)).toEqual(['silver.orders', 'silver.sellers', 'gold.broken', 'gold.orders_by_status', 'gold.after_broken']);
    expect(model('silver.orders')).toMatchObject({ status: 'success', rows: 2, depends_on: ['bronze.orders'] });
    expect(model('gold.orders_by_status')).toMatchObject({ status: 'success', rows: 1, depends_on: ['silver.orders'] });
  });

  it('keeps the first row per key by _row, quarantines hard-rule failures with raw values, and balances', async () => {
    expect(await rows('SELECT order_id, customer_id, order_status, _row FROM silver.orders ORDER BY order_id')).toEqual([
      { order_id: 'o1', customer_id: 'c1', order_status: 'delivered', _row: 1n },
      { order_id: 'o2', customer_id: 'c2', order_status: 'delivered', _row: 2n },
    ]);
    expect(await rows("SELECT order_id, order_purchase_timestamp, _reason FROM quarantine.orders WHERE _stage = 'silver' ORDER BY _row")).toEqual([
      { order_id: 'o3', order_purchase_timestamp: 'not a date', _reason: 'order_purchase_timestamp is not a timestamp: not a date' },
      { order_id: null, order_purchase_timestamp: '2018-01-06 10:00:00', _reason: 'order_id is missing' },
    ]);
    expect(model('silver.orders').balance).toEqual({ bronze: 6, silver: 2, quarantined: 2, exactDuplicates: 1, conflictingDuplicates: 1 });
    expect(run.expectations.find((e) => e.model === 'silver.orders' && e.kind === 'balance')).toMatchObject({ status: 'pass' });
  });

  it('runs declared and implied expectations with counts and samples', () => {
    const of = (m: string) => run.expectations.filter((e) => e.model === m).map((e) => [e.name, e.status, e.failing]);
    expect(of('silver.orders')).toEqual([
      ['unique(order_id)', 'pass', 0],
      ['accepted_values(order_status; delivered, shipped)', 'pass', 0],
      // silver.sellers was skipped (bronze.sellers is not loaded): nothing to check against.
      ['relationships(customer_id; silver.sellers.seller_id)', 'skipped', 0],
      ['no order without a seller', 'skipped', 0],
      ['bronze = silver + duplicates + quarantine', 'pass', 0],
    ]);
    const skipped = run.expectations.filter((e) => e.status === 'skipped');
    expect(skipped.map((e) => e.message)).toEqual(['silver.sellers is not loaded', 'silver.sellers is not loaded']);
    expect(of('gold.orders_by_status')).toEqual([
      ['unique(order_status)', 'pass', 0],
      ['row_count_between(1; 10)', 'pass', 0],
      ['total matches silver', 'pass', 0],
    ]);
  });

  it('stops only the descendants of a failed model and skips models whose bronze is not loaded', () => {
    expect(model('gold.broken')).toMatchObject({ status: 'failed', error: expect.stringContaining('no_such_column') });
    expect(model('gold.after_broken')).toMatchObject({ status: 'skipped', error: 'upstream gold.broken did not run' });
    expect(model('silver.sellers')).toMatchObject({ status: 'skipped', error: 'needs bronze.sellers, which is not loaded' });
    expect(run.ok).toBe(false);
  });

  it('reports a failing expectation with sample rows, and a re-run replaces silver quarantine rows', async () => {
    const strict = parseModel({ ...MODELS[0], sql: MODELS[0].sql.replace('delivered, shipped) warn', 'shipped)') });
    const second = await runPipeline(engine, [strict]);
    const failed = second.expectations.find((e) => e.kind === 'accepted_values')!;
    expect(failed).toMatchObject({ status: 'fail', severity: 'error', failing: 2 });
    expect(failed.samples.map((r) => `${r.order_id}:${r.order_status}`).sort()).toEqual(['o1:delivered', 'o2:delivered']);
    expect(second.ok).toBe(false);
    expect(await rows("SELECT count(*)::INTEGER AS n FROM quarantine.orders WHERE _stage = 'silver'")).toEqual([{ n: 2 }]);
  });
});

// Zip a: three good points, one an exact repeat, one with another lat (conflicting);
// b: one good point and one whose lat is not a number; one point without a zip;
// c: the same point three times (two exact repeats).
const POINTS_CSV = `zip,lat
a,1
a,1
a,2
b,5
b,x
,3
c,7
c,7
c,7
`;

const reducing = (where = 'TRUE') => ({
  path: 'silver/points.sql',
  sql: `-- Points, one row per zip.
-- key: zip
-- reduces: points
WITH typed AS (SELECT *, TRY_CAST(lat AS DOUBLE) AS y FROM bronze.points),
good AS (SELECT * FROM typed WHERE zip IS NOT NULL AND y IS NOT NULL AND ${where}),
summary AS (SELECT zip, avg(y) AS mean_lat, count(*)::INTEGER AS points, min({_row: _row, _source: _source, lat: lat}) AS first FROM good GROUP BY zip)
SELECT zip, mean_lat, points, first._row AS _row, first._source AS _source, NULL AS _reason, NULL AS _kept_source, NULL AS _kept_row, NULL AS _kind
FROM summary
UNION ALL
SELECT zip, NULL, NULL, _row, _source, NULL, first._source, first._row, CASE WHEN lat = first.lat THEN 'exact' ELSE 'conflicting' END
FROM good JOIN summary USING (zip) WHERE _row <> first._row
UNION ALL
SELECT zip, NULL, NULL, _row, _source, CASE WHEN zip IS NULL THEN 'zip missing' ELSE 'lat is not a number: ' || lat END, NULL, NULL, NULL
FROM typed WHERE zip IS NULL OR y IS NULL`,
});

describe.each(testEngines)('runPipeline with a silver model that reduces, on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await loadFiles(engine, [{ path: 'points.csv', bytes: utf8(POINTS_CSV) }]);
  });
  afterAll(async () => {
    await engine?.close();
  });
  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());
  const balanceOf = (run: Awaited<ReturnType<typeof runPipeline>>) => run.expectations.find((e) => e.kind === 'balance')!;

  it('keeps its one row per key, quarantines its rows with a reason, and counts exact and conflicting duplicates', async () => {
    const run = await runPipeline(engine, [parseModel(reducing())]);
    expect(await rows('SELECT zip, round(mean_lat, 3) AS mean_lat, points, _row FROM silver.points ORDER BY zip')).toEqual([
      { zip: 'a', mean_lat: 1.333, points: 3, _row: 1n },
      { zip: 'b', mean_lat: 5, points: 1, _row: 4n },
      { zip: 'c', mean_lat: 7, points: 3, _row: 7n },
    ]);
    expect(await rows("SELECT zip, lat, _row, _reason FROM quarantine.points WHERE _stage = 'silver' ORDER BY _row")).toEqual([
      { zip: 'b', lat: 'x', _row: 5n, _reason: 'lat is not a number: x' },
      { zip: null, lat: '3', _row: 6n, _reason: 'zip missing' },
    ]);
    // 7 good points in 3 rows: (a,1) and twice (c,7) repeat a point exactly; (a,2) does not.
    expect(run.models[0]).toMatchObject({ status: 'success', rows: 3 });
    expect(run.models[0].balance).toEqual({ bronze: 9, silver: 3, quarantined: 2, exactDuplicates: 3, conflictingDuplicates: 1 });
    expect(balanceOf(run)).toMatchObject({ status: 'pass', failing: 0 });
    expect(run.ok).toBe(true);
  });

  it('fails the balance when the model loses rows instead of counting or quarantining them', async () => {
    const run = await runPipeline(engine, [parseModel(reducing("lat <> '2'"))]);
    expect(run.models[0].balance).toMatchObject({ bronze: 9, silver: 3, quarantined: 2 });
    expect(balanceOf(run)).toMatchObject({ status: 'fail', severity: 'error', failing: 1 });
    expect(run.ok).toBe(false);
  });

  it('fails a model whose reduces: column is missing, and rejects reduces: outside silver', async () => {
    const run = await runPipeline(engine, [parseModel({ ...reducing(), sql: reducing().sql.replace('reduces: points', 'reduces: n') })]);
    expect(run.models[0]).toMatchObject({ status: 'failed', error: 'silver/points.sql: reduces: n is not a column the model returns' });
    expect(() => parseModel({ path: 'gold/points.sql', sql: reducing().sql })).toThrow('reduces: is for silver models with a key');
    const unlisted = await runPipeline(engine, [parseModel({ ...reducing(), sql: reducing().sql.replace('AS _kind', 'AS kind') })]);
    expect(unlisted.models[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('a model that reduces must return _kept_source, _kept_row, _kind') });
  });
});
