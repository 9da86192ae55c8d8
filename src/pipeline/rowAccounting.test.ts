import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { testEngines } from '../engine/testEngines';
import { loadFiles } from '../ingest/loadFiles';
import type { InputFile } from '../ingest/inputFile';
import { HAND_MADE } from './models/handMadeBronze';
import { MODELS, SILVER_SOURCES } from './models/testHarness';
import { parseModel, type Model } from './model';
import { runPipeline, type PipelineRun, type RunOptions } from './runner';
import { ACCOUNTING_NAME, checkRowAccounting } from './rowAccounting';

/*
 * The row accounting of DESIGN.md §5 with the production models and runner, on the
 * hand-made bronze plus second files of orders and sellers: exact duplicates (also across
 * files, whose `_row`s start at 1 again), conflicting duplicates, padded keys, missing keys
 * and values that cannot be cast, in several sources. Then mutations, each of which must
 * make the check fail and the run with it.
 */

const csv = (path: string, lines: string[]): InputFile => ({ path, bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) });
const ORDERS_HEADER = 'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date';
const DIRTY: InputFile[] = [
  ...HAND_MADE,
  // Named after the hand-made files: at equal `_row`, silver keeps the first by `_source`.
  csv('second/orders.csv', [
    ORDERS_HEADER,
    // o1 again, key padded, the same values once typed: an exact duplicate of hand-made row 1.
    ' o1 ,c1,delivered,2018-01-10 10:00:00,2018-01-10 10:30:00,2018-01-12 08:00:00,2018-01-20 10:00:00,2018-01-25 00:00:00',
    // o2 with another status: conflicting.
    'o2,c2,canceled,2018-03-05 12:00:00,,,,',
    // Key missing; a purchase time that is no timestamp.
    ',c3,delivered,2018-03-05 12:00:00,,,,',
    'o20,c3,delivered,soon,,,,',
    // o21 twice in this file: the second an exact repeat.
    'o21,c4,delivered,2018-03-06 12:00:00,,,,',
    'o21,c4,delivered,2018-03-06 12:00:00,,,,',
  ]),
  csv('second/sellers.csv', ['seller_id,seller_zip_code_prefix,seller_city,seller_state', 's1 ,01001,sao paulo / sp,SP', 's2,99999,elsewhere,XX', ',1,x,y']),
];

const accounting = (run: PipelineRun, model: string) => run.expectations.find((e) => e.model === model && e.name === ACCOUNTING_NAME)!;
const withSql = (id: string, edit: (sql: string) => string): Model[] =>
  MODELS.map((m) => (m.id === id ? parseModel({ path: m.path, sql: edit(m.sql) }) : m));

describe.each(testEngines)('row accounting on %s', (_kind, open) => {
  let engine: Engine;
  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => {
    const o: Record<string, unknown> = { ...r.toJSON() };
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
    return o;
  });
  const run = (models: Model[] = MODELS, options: RunOptions = {}) => runPipeline(engine, models, options);
  beforeAll(async () => {
    engine = await open();
    const report = await loadFiles(engine, DIRTY, { loadedAt: new Date(Date.UTC(2024, 0, 1)) });
    expect(report.errors).toEqual([]);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('finds every bronze row in exactly one place, on dirty data in every source, and counts each place from its table', async () => {
    const r = await run();
    for (const name of SILVER_SOURCES) expect(accounting(r, `silver.${name}`), name).toMatchObject({ status: 'pass', failing: 0, severity: 'error' });
    expect(r.ok).toBe(true);
    for (const m of r.models.filter((m) => m.balance)) {
      const name = m.name.replace('silver.', '');
      const [counted] = await rows(`SELECT (SELECT count(*) FROM bronze.${name}) AS bronze, (SELECT count(*) FROM silver.${name}) AS silver,
          (SELECT count(*) FROM quarantine.${name} WHERE _stage = 'silver') AS quarantined,
          (SELECT count(*) FROM duplicates.${name} WHERE _kind = 'exact') AS exactDuplicates,
          (SELECT count(*) FROM duplicates.${name} WHERE _kind = 'conflicting') AS conflictingDuplicates`);
      expect(m.balance, name).toEqual(counted);
    }
    // The orders of both files: hand-made 15 + 6 = 21 = 14 silver + 3 duplicates + 4 quarantined.
    expect(r.models.find((m) => m.name === 'silver.orders')!.balance).toEqual({ bronze: 21, silver: 14, quarantined: 4, exactDuplicates: 2, conflictingDuplicates: 1 });
    expect(await rows('SELECT _source, _row, _kept_source, _kept_row, _kind FROM duplicates.orders ORDER BY _row')).toEqual([
      { _source: 'second/orders.csv', _row: 1, _kept_source: 'olist_orders_dataset.csv', _kept_row: 1, _kind: 'exact' },
      { _source: 'second/orders.csv', _row: 2, _kept_source: 'olist_orders_dataset.csv', _kept_row: 2, _kind: 'conflicting' },
      { _source: 'second/orders.csv', _row: 6, _kept_source: 'second/orders.csv', _kept_row: 5, _kind: 'exact' },
    ]);
    // Sellers: the padded s1 repeats s1 exactly once typed; s2 conflicts; the third has no key.
    expect(r.models.find((m) => m.name === 'silver.sellers')!.balance).toEqual({ bronze: 5, silver: 2, quarantined: 1, exactDuplicates: 1, conflictingDuplicates: 1 });
    expect(r.models.find((m) => m.name === 'silver.customers')!.balance).toEqual({ bronze: 14, silver: 12, quarantined: 1, exactDuplicates: 1, conflictingDuplicates: 0 });
    expect(r.models.find((m) => m.name === 'silver.order_items')!.balance).toEqual({ bronze: 15, silver: 12, quarantined: 2, exactDuplicates: 0, conflictingDuplicates: 1 });
    expect(r.models.find((m) => m.name === 'silver.geolocation')!.balance).toEqual({ bronze: 8, silver: 2, quarantined: 2, exactDuplicates: 1, conflictingDuplicates: 3 });
  });

  it('fails when the runner keeps one row too few after de-duplication', async () => {
    const r = await run(MODELS, { testHooks: { afterSilver: async (m) => { if (m.name === 'orders') await engine.exec("DELETE FROM silver.orders WHERE order_id = 'o14'"); } } });
    const failed = accounting(r, 'silver.orders');
    expect(failed).toMatchObject({ status: 'fail', severity: 'error', failing: 1 });
    expect(failed.samples).toEqual([{ _source: 'olist_orders_dataset.csv', _row: '14', problem: 'in none of silver, quarantine, duplicates' }]);
    expect(failed.message).toBe('1 row not in exactly one place, e.g. (olist_orders_dataset.csv, 14) in none of silver, quarantine, duplicates');
    expect(r.ok).toBe(false);
    // The counts shown are the tables' own: one short of bronze.
    const b = r.models.find((m) => m.name === 'silver.orders')!.balance!;
    expect(b.bronze - (b.silver + b.exactDuplicates + b.conflictingDuplicates + b.quarantined)).toBe(1);
  });

  it('fails when the quarantine append writes nothing', async () => {
    const r = await run(MODELS, { testHooks: { afterSilver: async (m) => { if (m.name === 'order_items') await engine.exec("DELETE FROM quarantine.order_items WHERE _stage = 'silver'"); } } });
    expect(accounting(r, 'silver.order_items')).toMatchObject({ status: 'fail', failing: 2 });
    expect(accounting(r, 'silver.order_items').samples.map((s) => s._row)).toEqual(['6', '7']);
    expect(r.models.find((m) => m.name === 'silver.order_items')!.balance).toMatchObject({ quarantined: 0 });
    expect(r.ok).toBe(false);
  });

  it('fails when a model drops one bronze row and returns another twice', async () => {
    const r = await run(withSql('silver.customers', (sql) => {
      const header = sql.split('\n').filter((l) => l.startsWith('--')).join('\n');
      return `${header}\nSELECT * FROM (${sql}) WHERE _row <> 5 UNION ALL SELECT * FROM (${sql}) WHERE _row = 6`;
    }));
    const failed = accounting(r, 'silver.customers');
    expect(failed).toMatchObject({ status: 'fail', failing: 2 });
    expect(failed.samples.map((s) => `${s._row}: ${s.problem}`)).toEqual(['5: in none of silver, quarantine, duplicates', '6: in silver and silver and duplicates']);
    expect(r.ok).toBe(false);
  });

  it('fails when a reducing model drops one absorbed bronze row and returns another twice', async () => {
    const r = await run(withSql('silver.geolocation', (sql) => {
      // Its last branch returns the quarantined and the absorbed points.
      expect(sql.trimEnd().endsWith('\nFROM others')).toBe(true);
      return `${sql.trimEnd().slice(0, -'others'.length)}(SELECT * FROM others WHERE _row <> 2 UNION ALL SELECT * FROM others WHERE _row = 3)`;
    }));
    const failed = accounting(r, 'silver.geolocation');
    expect(failed).toMatchObject({ status: 'fail', failing: 2 });
    expect(failed.samples.map((s) => `${s._row}: ${s.problem}`)).toEqual(['2: in none of silver, quarantine, duplicates', '3: in duplicates and duplicates']);
    expect(r.ok).toBe(false);
  });

  it('checks slice by slice of _row, as on millions of rows, and finds the same rows', async () => {
    const r = await run(withSql('silver.customers', (sql) => {
      const header = sql.split('\n').filter((l) => l.startsWith('--')).join('\n');
      return `${header}\nSELECT * FROM (${sql}) WHERE _row <> 5 UNION ALL SELECT * FROM (${sql}) WHERE _row = 6`;
    }));
    for (const name of ['silver.customers', 'silver.orders', 'silver.geolocation']) {
      const whole = accounting(r, name);
      const model = MODELS.find((m) => m.id === name)!;
      const balance = r.models.find((m) => m.name === name)!.balance!;
      // Slices of 2 bronze rows: the last slice is open-ended, the first takes NULL _rows.
      const sliced = await checkRowAccounting(engine, model, balance, 2);
      expect(sliced.failing, name).toBe(whole.failing);
      expect(sliced.samples, name).toEqual(whole.samples);
      expect(sliced.status, name).toBe(name === 'silver.customers' ? 'fail' : 'pass');
    }
    // A duplicate past bronze's last _row is no bronze row: found in the open-ended slice.
    await engine.exec("INSERT INTO duplicates.orders VALUES ('olist_orders_dataset.csv', 1000, 'olist_orders_dataset.csv', 1, 'exact')");
    const past = await checkRowAccounting(engine, MODELS.find((m) => m.id === 'silver.orders')!, r.models.find((m) => m.name === 'silver.orders')!.balance!, 2);
    expect(past.samples).toEqual([{ _source: 'olist_orders_dataset.csv', _row: '1000', problem: 'not a bronze row, yet in duplicates' }]);
  });

  it('fails when a duplicate is recorded against a row silver does not hold', async () => {
    // Hand-made order_items row 15 repeats o1/1 (row 1); pointed instead at row 6, which is quarantined.
    const r = await run(MODELS, { testHooks: { afterSilver: async (m) => { if (m.name === 'order_items') await engine.exec('UPDATE duplicates.order_items SET _kept_row = 6 WHERE _row = 15'); } } });
    const failed = accounting(r, 'silver.order_items');
    expect(failed).toMatchObject({ status: 'fail', failing: 1 });
    expect(failed.samples).toEqual([{ _source: 'olist_order_items_dataset.csv', _row: '15', problem: 'a duplicate of (olist_order_items_dataset.csv, 6), a row silver does not hold' }]);
    expect(r.ok).toBe(false);
  });

  it('fails when a row is both in silver and recorded as a duplicate, or is no bronze row at all', async () => {
    const r = await run(MODELS, { testHooks: { afterSilver: async (m) => {
      if (m.name === 'sellers') await engine.exec(`INSERT INTO duplicates.sellers VALUES ('olist_sellers_dataset.csv', 2, 'olist_sellers_dataset.csv', 1, 'conflicting'),
        ('nowhere.csv', 1, 'olist_sellers_dataset.csv', 1, 'exact')`);
    } } });
    expect(accounting(r, 'silver.sellers').samples.map((s) => `${s._source} ${s._row}: ${s.problem}`)).toEqual([
      'nowhere.csv 1: not a bronze row, yet in duplicates',
      'olist_sellers_dataset.csv 2: in silver and duplicates',
    ]);
    expect(r.ok).toBe(false);
  });
});
