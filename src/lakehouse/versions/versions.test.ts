import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';
import { changedOrdersFile, firstBatch } from './testing/changedOrders';
import { tablesAsOf } from './readAsOf';

/*
 * Versions on the generated Olist data (sf 0.01), on both engines: a first batch, a
 * second load of a few changed orders and one new order, an edit committed as a re-run,
 * then as-of reads, diffs, a rollback and a vacuum, each checked against counts taken
 * from the tables themselves.
 */
const count = async (engine: Engine, sql: string) => Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM (${sql})`)).toArray()[0]!.n);

describe.each(testEngines)('versions (%s)', (_name, open) => {
  let lakehouse: Lakehouse;
  let engine: Engine;
  const first = firstBatch();
  const update = changedOrdersFile(first);
  const counts: Record<string, number> = {};
  let tablesAt1: Awaited<ReturnType<Lakehouse['tables']>>;

  beforeAll(async () => {
    engine = await open();
    lakehouse = new Lakehouse(engine);
    await lakehouse.load(first);
    await lakehouse.runPipeline(bundledModelFiles);
    for (const t of ['bronze.orders', 'silver.orders', 'gold.revenue_monthly']) counts[`${t}@1`] = await count(engine, `FROM ${t}`);
    tablesAt1 = await lakehouse.tables();
    await lakehouse.load([update]);
    await lakehouse.runPipeline(bundledModelFiles);
    for (const t of ['bronze.orders', 'silver.orders']) counts[`${t}@2`] = await count(engine, `FROM ${t}`);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('commits a version per batch with every table the first time and only the changed tables after', async () => {
    const versions = await lakehouse.versions.list();
    expect(versions.map((v) => [v.version, v.batch, v.kind])).toEqual([[2, 2, 'batch'], [1, 1, 'batch']]);
    const v1 = versions[1]!;
    const tables = tablesAt1;
    expect(v1.tables.map((t) => `${t.layer}.${t.name}`).sort()).toEqual(tables.map((t) => `${t.layer}.${t.name}`).sort());
    for (const t of v1.tables) expect(t.added, `${t.layer}.${t.name}`).toBe(tables.find((x) => x.layer === t.layer && x.name === t.name)!.rows);
    const v2 = new Map(versions[0]!.tables.map((t) => [`${t.layer}.${t.name}`, t]));
    expect(v2.get('bronze.orders')).toMatchObject({ added: 4, updated: 0, deleted: 0, rows: counts['bronze.orders@2'] });
    expect(v2.get('silver.orders')).toMatchObject({ added: counts['silver.orders@2']! - counts['silver.orders@1']!, updated: update.orderIds.length });
    expect(v2.has('bronze.customers')).toBe(false);
    expect(v2.has('silver.products')).toBe(false);
  });

  it('reads any table as of a version with the as_of macro and as the CLI exports it', async () => {
    expect(await count(engine, `FROM as_of('bronze.orders', 1)`)).toBe(counts['bronze.orders@1']);
    expect(await count(engine, `FROM as_of('bronze.orders', 2)`)).toBe(counts['bronze.orders@2']);
    expect(await count(engine, `FROM as_of('silver.orders', 1) WHERE order_id = '${update.newOrderId}'`)).toBe(0);
    expect(await count(engine, `FROM as_of('silver.orders', 2) WHERE order_id = '${update.newOrderId}'`)).toBe(1);
    // Exactly the rows of the table then: the version's rows equal the table's, as a multiset.
    const same = `SELECT * FROM bronze.orders EXCEPT ALL SELECT * FROM as_of('bronze.orders', 2)`;
    expect(await count(engine, same)).toBe(0);
    const asOf1 = await tablesAsOf(engine, 1);
    const orders = asOf1.find((t) => t.layer === 'bronze' && t.name === 'orders')!;
    expect(await count(engine, orders.sql)).toBe(counts['bronze.orders@1']);
    expect(orders.columns.map((c) => c.name)).toEqual((await lakehouse.tables()).find((t) => t.layer === 'bronze' && t.name === 'orders')!.columns.map((c) => c.name));
  });

  it('commits an edit as updates by key and diffs it naming the changed column', async () => {
    const id = update.orderIds[0]!;
    await engine.exec(`UPDATE silver.orders SET order_status = 'unavailable' WHERE order_id = '${id}'`);
    const committed = (await lakehouse.versions.commit('rerun'))!;
    expect(committed.version).toBe(3);
    expect(committed.tables).toEqual([expect.objectContaining({ layer: 'silver', name: 'orders', added: 0, updated: 1, deleted: 0 })]);
    const diff = await lakehouse.versions.diff('silver.orders', 2, 3);
    expect(diff).toMatchObject({ key: ['order_id'], added: 0, removed: 0, changed: 1 });
    expect(diff.rows).toHaveLength(1);
    expect(diff.rows[0]).toMatchObject({ change: 'changed', changedColumns: ['order_status'], after: expect.objectContaining({ order_id: id, order_status: 'unavailable' }) });
    // Since version 1: the new order, and the three orders the second batch re-exported as
    // canceled (a later batch wins in silver), one of them edited since.
    const back = await lakehouse.versions.diff('silver.orders', 1, 3);
    expect(back).toMatchObject({ added: 1, changed: update.orderIds.length, removed: 0 });
    expect(back.rows.find((r) => r.change === 'added')!.after!.order_id).toBe(update.newOrderId);
    // Without a key (bronze): the new rows are additions.
    const bronze = await lakehouse.versions.diff('bronze.orders', 1, 2);
    expect(bronze).toMatchObject({ key: [], added: 4, removed: 0, changed: 0 });
    expect(bronze.rows.every((r) => r.change === 'added' && r.after!._source === 'orders_update.csv')).toBe(true);
  });

  it('rolls the lakehouse back to version 1 as a new version, keeping the history', async () => {
    const committed = await lakehouse.rollbackTo(1);
    expect(committed).toMatchObject({ version: 4, kind: 'rollback', restoredFrom: 1 });
    expect(await count(engine, 'FROM bronze.orders')).toBe(counts['bronze.orders@1']);
    expect(await count(engine, 'FROM silver.orders')).toBe(counts['silver.orders@1']);
    expect(await count(engine, `SELECT * FROM silver.orders EXCEPT ALL SELECT * FROM as_of('silver.orders', 1)`)).toBe(0);
    expect(await count(engine, `SELECT * FROM as_of('silver.orders', 1) EXCEPT ALL SELECT * FROM silver.orders`)).toBe(0);
    expect(new Map(committed.tables.map((t) => [`${t.layer}.${t.name}`, t])).get('bronze.orders')).toMatchObject({ added: 0, deleted: 4 });
    expect(await count(engine, `FROM as_of('bronze.orders', 2)`)).toBe(counts['bronze.orders@2']);
    expect((await lakehouse.versions.list()).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(await lakehouse.versions.list('bronze.orders')).toHaveLength(3);
  });

  it('vacuums the versions older than the last batch, saying what it freed', async () => {
    // Every kept version reads exactly as before the vacuum (count and sum of row hashes).
    const print = async () => {
      const out: string[] = [];
      for (const t of ['bronze.orders', 'silver.orders', 'duplicates.orders', 'gold.delivery_by_month']) {
        for (const v of [2, 3, 4]) out.push(String((await engine.query(`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(r)::HUGEINT), 0)::VARCHAR AS p FROM as_of('${t}', ${v}) r`)).toArray()[0]!.p));
      }
      return out;
    };
    const kept = await print();
    const result = await lakehouse.versions.vacuum(1);
    expect(await print()).toEqual(kept);
    expect(result.oldestKept).toBe(2);
    expect(result.rowsRemoved).toBeGreaterThan(0);
    expect(result.estimatedBytesFreed).toBeGreaterThan(0);
    await expect(engine.query(`FROM as_of('bronze.orders', 1)`)).rejects.toThrow(/vacuumed/);
    await expect(lakehouse.versions.diff('silver.orders', 1, 3)).rejects.toThrow(/Version 1 was vacuumed/);
    expect(await count(engine, `FROM as_of('bronze.orders', 2)`)).toBe(counts['bronze.orders@2']);
    expect(await count(engine, `FROM as_of('silver.orders', 4)`)).toBe(counts['silver.orders@1']);
    expect((await lakehouse.versions.list()).find((v) => v.version === 1)!.vacuumed).toBe(true);
  });
});
