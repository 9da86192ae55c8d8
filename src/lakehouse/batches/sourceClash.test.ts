import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { loadFiles } from '../../ingest/loadFiles';
import { commitBatch, dropBatches } from './batches';

/*
 * A file loaded again under a name an earlier batch used gets `<file> (batch N)` in _source,
 * so (_source, _row) stays each bronze row's identity; a file under a new name keeps its
 * name, and the tables the batch did not load keep theirs (commitBatch looks only at the
 * sources of the batch's own rows: issue #15, a batch must not scan the whole lakehouse).
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const orders = (ids: string[]) => utf8(`order_id,customer_id,order_status,order_purchase_timestamp\n${ids.map((id) => `${id},c${id},delivered,2018-01-01 10:00:00`).join('\n')}\n`);
const sellers = utf8('seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01037,sao paulo,SP\n');

describe.each(testEngines)('sources clashing across batches on %s', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function load(files: { path: string; bytes: Uint8Array }[]): Promise<{ batch: number; files: string[] }> {
    const report = await loadFiles(engine, files);
    expect(report.errors).toEqual([]);
    const batch = await commitBatch(engine, report);
    return { batch, files: report.sources.map((s) => s.file) };
  }

  const sources = async (table: string) =>
    (await engine.query(`SELECT _batch, _source, count(*)::INTEGER AS n FROM bronze.${table} GROUP BY ALL ORDER BY ALL`)).toArray().map((r) => [Number(r._batch), String(r._source), Number(r.n)]);

  it('renames only the sources an earlier batch used, in the tables the batch loaded', async () => {
    await engine.exec('DROP SCHEMA IF EXISTS bronze CASCADE; DROP SCHEMA IF EXISTS quarantine CASCADE');
    await dropBatches(engine);
    expect(await load([{ path: 'orders.csv', bytes: orders(['a', 'b']) }, { path: 'sellers.csv', bytes: sellers }])).toEqual({ batch: 1, files: ['orders.csv', 'sellers.csv'] });
    const second = await load([{ path: 'orders.csv', bytes: orders(['b', 'c', 'd']) }, { path: 'more_orders.csv', bytes: orders(['e']) }]);
    expect(second.batch).toBe(2);
    expect(second.files.sort()).toEqual(['more_orders.csv', 'orders.csv (batch 2)']);
    expect(await sources('orders')).toEqual([
      [1, 'orders.csv', 2],
      [2, 'more_orders.csv', 1],
      [2, 'orders.csv (batch 2)', 3],
    ]);
    expect(await sources('sellers')).toEqual([[1, 'sellers.csv', 1]]);
    // A third batch of the same name clashes with batch 1's name, not with batch 2's renamed one.
    expect((await load([{ path: 'orders.csv', bytes: orders(['f']) }])).files).toEqual(['orders.csv (batch 3)']);
    expect((await sources('orders')).filter(([b]) => b === 3)).toEqual([[3, 'orders.csv (batch 3)', 1]]);
  });
});
