import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { loadFiles } from '../loadFiles';

/** Change records through the normal load path into bronze, on the WASM engine the app runs. */
const FIXTURES = join(import.meta.dirname, '../../../fixtures/cdc');
const file = (name: string, path = name) => ({ path, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
const text = (path: string, lines: string[]) => ({ path, bytes: new TextEncoder().encode(lines.join('\n')) });
const LOADED_AT = new Date('2026-12-07T12:00:00Z');

describe('change records into bronze (WASM engine)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });
  beforeEach(async () => {
    await engine.exec('DROP SCHEMA IF EXISTS bronze CASCADE; DROP SCHEMA IF EXISTS quarantine CASCADE');
  });
  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());

  it('a decoded binary log and its schema dump: _op, _change_at, key changes split, positions kept', async () => {
    const report = await loadFiles(engine, [file('row.binlog.txt', 'logs/mysql-bin.000002.sql'), file('schema.sql')], { loadedAt: LOADED_AT });
    expect(report.errors).toEqual([]);
    const binlog = report.sources.filter((s) => s.format === 'binlog');
    expect(binlog.map((s) => [s.source, s.rows, s.quarantined]).sort()).toEqual([['order_items', 6, 0], ['order_reviews', 5, 0], ['orders', 5, 0]]);
    const orders = await rows(`SELECT order_id, order_status, _op, _change_at::VARCHAR AS at, _source, _source_kind, _row, _line FROM bronze.orders ORDER BY _row`);
    expect(orders.map((o) => `${o._op}:${o.order_id.slice(-2)}:${o.order_status}`)).toEqual([
      'u:01:delivered', 'c:04:created', 'd:02:delivered', 'c:99:delivered', 'u:03:canceled',
    ]);
    // The key change is one UPDATE row: a delete of the old key, then a create of the new, on consecutive _row and one _line.
    expect(Number(orders[3]._row) - Number(orders[2]._row)).toBe(1);
    expect(Number(orders[2]._line)).toBe(Number(orders[3]._line));
    expect(orders.every((o) => o._source_kind === 'binlog' && o._source === 'logs/mysql-bin.000002.sql:olist_cdc.orders' && /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/.test(o.at))).toBe(true);
    const lines = readFileSync(join(FIXTURES, 'row.binlog.txt'), 'utf8').split('\n');
    expect(lines[Number(orders[0]._line) - 1]).toBe('### UPDATE `olist_cdc`.`orders`');
    // A delete carries the before image; the review moved to another order is split too.
    const reviews = await rows(`SELECT review_id, order_id, review_score::VARCHAR AS score, _op FROM bronze.order_reviews ORDER BY _row`);
    expect(reviews.map((r) => `${r._op}:${r.review_id.slice(-1)}:${r.order_id.slice(-1)}:${r.score}`)).toEqual(['u:1:1:1', 'd:2:2:3', 'c:2:3:4', 'd:3:3:1', 'c:4:4:5']);
    // _row is unique per file across the tables, in file order.
    const all = await rows(`SELECT _row FROM (SELECT _row FROM bronze.orders UNION ALL SELECT _row FROM bronze.order_items UNION ALL SELECT _row FROM bronze.order_reviews) ORDER BY _row`);
    expect(all.map((r) => Number(r._row))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('a binary log without any CREATE TABLE: every row in quarantine, saying what to load', async () => {
    const report = await loadFiles(engine, [file('row.binlog.txt', 'binlog.txt')], { loadedAt: LOADED_AT });
    expect(report.sources.map((s) => [s.source, s.rows, s.quarantined]).sort()).toEqual([['order_items', 0, 5], ['order_reviews', 0, 4], ['orders', 0, 4]]);
    const [q] = await rows(`SELECT _reason, _line, _raw, _source_kind FROM quarantine.orders ORDER BY _line LIMIT 1`);
    expect(q._reason).toMatch(/^binlog\.txt \(line \d+\): no CREATE TABLE for olist_cdc\.orders/);
    expect(q._raw.startsWith('### UPDATE `olist_cdc`.`orders`')).toBe(true);
  });

  it('Debezium events with the schema wrapper load whole; without it the precise decimals go to quarantine', async () => {
    const wrapped = await loadFiles(engine, [file('debezium-schema.jsonl')], { loadedAt: LOADED_AT });
    expect(wrapped.errors).toEqual([]);
    expect(wrapped.sources.map((s) => [s.source, s.format, s.rows, s.quarantined]).sort()).toEqual([
      ['order_items', 'debezium', 10, 0], ['order_reviews', 'debezium', 8, 0], ['orders', 'debezium', 8, 0],
    ]);
    const items = await rows(`SELECT order_id, price, freight_value, shipping_limit_date, _op, _change_at::VARCHAR AS at FROM bronze.order_items WHERE _op = 'r' ORDER BY _row`);
    expect(items[0]).toMatchObject({ price: '58.90', freight_value: '13.29', shipping_limit_date: '2018-01-06 10:56:33' });
    expect(items.every((i) => /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/.test(i.at))).toBe(true);
    const types = await rows(`SELECT column_name, column_type FROM (DESCRIBE bronze.orders)`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({ order_purchase_timestamp: 'VARCHAR', _op: 'VARCHAR', _change_at: 'TIMESTAMP', _row: 'BIGINT' });

    await engine.exec('DROP SCHEMA bronze CASCADE; DROP SCHEMA IF EXISTS quarantine CASCADE');
    const bare = await loadFiles(engine, [file('debezium.jsonl', 'topic-dump.json')], { loadedAt: LOADED_AT });
    const items2 = bare.sources.find((s) => s.source === 'order_items')!;
    expect([items2.rows, items2.quarantined]).toEqual([0, 10]);
    expect(items2.samples[0]!.message).toMatch(/decimal\.handling\.mode=string/);
    const q = await rows(`SELECT _reason FROM quarantine.order_items ORDER BY _line LIMIT 1`);
    expect(q[0]._reason).toMatch(/^topic-dump\.json \(line 1\): column price holds 'FwI=', not a number/);
    expect(bare.sources.find((s) => s.source === 'orders')!.rows).toBe(8);
  });

  it('bad Debezium lines: quarantined or reported with their line, the rest loaded, nothing half-applied', async () => {
    const event = (op: string, before: object | null, after: object | null) => JSON.stringify({ before, after, source: { db: 'shop', table: 'orders', ts_ms: 1514890594000 }, op, ts_ms: 1514890595000 });
    const order = (id: string, status: string) => ({ order_id: id, customer_id: 'c1', order_status: status, order_purchase_timestamp: 1514890593000 });
    const report = await loadFiles(engine, [text('events.jsonl', [
      event('c', null, order('o1', 'created')),
      '{"before":null,"after":{"order_id":"o9"',
      event('u', order('o1', 'created'), order('o2', 'approved')), // a key change: d o1 + c o2
      event('x', null, order('o3', 'created')),
      event('u', order('o2', 'approved'), order('o2', 'shipped')),
      event('d', order('o2', 'shipped'), null),
    ])], { loadedAt: LOADED_AT });
    expect(report.errors).toEqual([{ file: 'events.jsonl', line: 2, message: expect.stringMatching(/not a JSON change event.*names no table/) }]);
    const orders = await rows(`SELECT order_id, order_status, _op, _row, _line, _change_at::VARCHAR AS at FROM bronze.orders ORDER BY _row`);
    expect(orders.map((o) => [o.order_id, o.order_status, o._op, Number(o._row), Number(o._line)])).toEqual([
      ['o1', 'created', 'c', 1, 1], ['o1', 'created', 'd', 2, 3], ['o2', 'approved', 'c', 3, 3], ['o2', 'shipped', 'u', 4, 5], ['o2', 'shipped', 'd', 5, 6],
    ]);
    expect(orders[0].at).toBe('2018-01-02 10:56:34');
    const q = await rows(`SELECT _reason, _raw, _source FROM quarantine.orders`);
    expect(q).toEqual([{ _reason: 'events.jsonl (line 4): unknown op "x": expected c, u, d or r', _raw: expect.stringContaining('"op":"x"'), _source: 'events.jsonl:shop.orders' }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM bronze.orders WHERE order_id = 'o3'`)).toEqual([{ n: 0 }]);
  });

  it('a statement-format log: INSERTs load, UPDATE and DELETE go to quarantine with their line', async () => {
    const report = await loadFiles(engine, [file('schema.sql'), file('statement.binlog.txt')], { loadedAt: LOADED_AT });
    const byName = Object.fromEntries(report.sources.filter((s) => s.format === 'binlog').map((s) => [s.source, [s.rows, s.quarantined]]));
    expect(byName).toEqual({ orders: [2, 1], order_items: [1, 0], order_reviews: [1, 1] });
    const q = await rows(`SELECT _reason FROM quarantine.orders`);
    expect(q[0]._reason).toMatch(/^statement\.binlog\.txt \(line \d+\): a statement-format UPDATE cannot be applied/);
  });
});
