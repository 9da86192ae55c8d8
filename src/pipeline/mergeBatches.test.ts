import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { testEngines } from '../engine/testEngines';
import { MODELS, rows } from './models/testHarness';
import { runPipeline } from './runner';
import { checkRowAccounting } from './rowAccounting';
import { countBalance } from './silverBalance';

/*
 * The merge rule of mergeBatches.ts on a few hand-made orders in two batches, each case
 * worked out by hand: later batch wins, changes in file order, deletes, bad changes to
 * quarantine, and every bronze row in exactly one place.
 */

const ORDERS = MODELS.filter((m) => m.id === 'silver.orders');
const COLUMNS = '(order_id, customer_id, order_status, order_purchase_timestamp, _source, _source_kind, _row, _loaded_at, _batch, _op, _change_at)';
const T = "'2018-01-01 10:00:00'";

function row(id: string | null, status: string | null, source: string, line: number, batch: number, op: string | null): string {
  const text = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
  return `(${text(id)}, ${id && status ? `'c-${id}'` : 'NULL'}, ${text(status)}, ${status ? T : 'NULL'}, '${source}', '${op ? 'debezium' : 'csv'}', ${line}, TIMESTAMP '2024-01-01', ${batch}, ${text(op)}, NULL)`;
}

async function build(engine: Engine, records: string[]): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS bronze; DROP TABLE IF EXISTS bronze.orders;
    CREATE TABLE bronze.orders (order_id VARCHAR, customer_id VARCHAR, order_status VARCHAR, order_purchase_timestamp VARCHAR,
      order_approved_at VARCHAR, order_delivered_carrier_date VARCHAR, order_delivered_customer_date VARCHAR, order_estimated_delivery_date VARCHAR,
      _source VARCHAR, _source_kind VARCHAR, _row BIGINT, _loaded_at TIMESTAMP, _batch INTEGER, _op VARCHAR, _change_at TIMESTAMP);
    INSERT INTO bronze.orders ${COLUMNS} VALUES ${records.join(', ')}`);
}

describe.each(testEngines)('silver merges batches by key (%s)', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps the latest word on each key and a place for every bronze row', async () => {
    await build(engine, [
      // batch 1: a snapshot file, o1 twice (the first by _row wins within the batch)
      row('o1', 'shipped', 'day1.csv', 1, 1, null),
      row('o1', 'created', 'day1.csv', 5, 1, null),
      row('o2', 'shipped', 'day1.csv', 2, 1, null),
      row('o3', 'shipped', 'day1.csv', 3, 1, null),
      row('o5', 'shipped', 'day1.csv', 4, 1, null),
      // batch 2: change records in file order, and a snapshot row of o3 again
      row('o1', 'invoiced', 'day2.json', 1, 2, 'u'),
      row('o1', 'delivered', 'day2.json', 2, 2, 'u'),
      row('o2', null, 'day2.json', 3, 2, 'd'),
      row('o9', 'delivered', 'day2.json', 4, 2, 'u'),
      row('o8', null, 'day2.json', 5, 2, 'd'),
      row('o4', 'created', 'day2.json', 6, 2, 'c'),
      row('o4', 'approved', 'day2.json', 7, 2, 'u'),
      row('o5', null, 'day2.json', 8, 2, 'd'),
      row('o5', 'created', 'day2.json', 9, 2, 'c'),
      row('o3', 'canceled', 'day2.csv', 1, 2, null),
    ]);
    const run = await runPipeline(engine, ORDERS);
    expect(run.models.map((m) => m.status)).toEqual(['success']);
    expect(run.expectations.find((e) => e.kind === 'balance')).toMatchObject({ status: 'pass', failing: 0 });

    expect(await rows(engine, `SELECT order_id, order_status, _source, _row::INTEGER AS _row FROM silver.orders ORDER BY order_id`)).toEqual([
      { order_id: 'o1', order_status: 'delivered', _source: 'day2.json', _row: 2 },
      { order_id: 'o3', order_status: 'canceled', _source: 'day2.csv', _row: 1 },
      { order_id: 'o4', order_status: 'approved', _source: 'day2.json', _row: 7 },
      { order_id: 'o5', order_status: 'created', _source: 'day2.json', _row: 9 },
    ]);
    expect(await rows(engine, `SELECT _source, _row::INTEGER AS _row, _kept_source, _kept_row::INTEGER AS _kept_row, _kind FROM duplicates.orders ORDER BY _source, _row`)).toEqual([
      { _source: 'day1.csv', _row: 1, _kept_source: 'day2.json', _kept_row: 2, _kind: 'superseded' },
      { _source: 'day1.csv', _row: 2, _kept_source: 'day2.json', _kept_row: 3, _kind: 'deleted' },
      { _source: 'day1.csv', _row: 3, _kept_source: 'day2.csv', _kept_row: 1, _kind: 'superseded' },
      { _source: 'day1.csv', _row: 4, _kept_source: 'day2.json', _kept_row: 9, _kind: 'superseded' },
      { _source: 'day1.csv', _row: 5, _kept_source: 'day2.json', _kept_row: 2, _kind: 'superseded' },
      { _source: 'day2.json', _row: 1, _kept_source: 'day2.json', _kept_row: 2, _kind: 'superseded' },
      { _source: 'day2.json', _row: 3, _kept_source: null, _kept_row: null, _kind: 'delete' },
      { _source: 'day2.json', _row: 6, _kept_source: 'day2.json', _kept_row: 7, _kind: 'superseded' },
      { _source: 'day2.json', _row: 8, _kept_source: 'day2.json', _kept_row: 9, _kind: 'superseded' },
    ]);
    expect(await rows(engine, `SELECT _reason FROM quarantine.orders WHERE _stage = 'silver' ORDER BY _row`)).toEqual([
      { _reason: 'update of a key that is not in the lakehouse (order_id o9): day2.json line 4' },
      { _reason: 'delete of a key that is not in the lakehouse (order_id o8): day2.json line 5' },
    ]);
  });

  it('fails the row accounting when a delete record has no place', async () => {
    await build(engine, [row('o1', 'shipped', 'day1.csv', 1, 1, null), row('o1', null, 'day2.json', 1, 2, 'd')]);
    const run = await runPipeline(engine, ORDERS);
    expect(run.expectations.find((e) => e.kind === 'balance')).toMatchObject({ status: 'pass' });
    await engine.exec(`DELETE FROM duplicates.orders WHERE _kind = 'delete'`);
    const result = await checkRowAccounting(engine, ORDERS[0]!, await countBalance(engine, 'orders'));
    expect(result.status).toBe('fail');
    expect(result.message).toContain('(day1.csv, 1) a duplicate of (day2.json, 1), a row silver does not hold');
    expect(result.message).toContain('(day2.json, 1) in none of silver, quarantine, duplicates');
  });
});
