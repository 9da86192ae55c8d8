import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { emptyIngestReport, loadFiles } from '../../ingest/loadFiles';
import { commitBatch } from '../../lakehouse/batches/batches';
import { SqlConsole } from '../../lakehouse/console/sqlConsole';
import { parseModel, type ModelFile } from '../model';
import { runPipeline } from '../runner';
import { forgetAllBuilds } from './buildRecords';
import { replaceTableReference } from './replaceReference';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEADER = 'order_id,customer_id,order_status,order_purchase_timestamp';

const ORDERS: ModelFile = {
  path: 'silver/orders.sql',
  sql: `-- Orders.
-- key: order_id
SELECT order_id, lower(order_status) AS order_status, _source, _source_kind, _row, _loaded_at,
  CASE WHEN order_id IS NULL THEN 'order_id missing' END AS _reason
FROM bronze.orders`,
};
const SELLERS: ModelFile = { path: 'silver/sellers.sql', sql: '-- Sellers.\n-- key: seller_id\nSELECT *, NULL AS _reason FROM bronze.sellers' };
const BY_STATUS: ModelFile = { path: 'gold/by_status.sql', sql: '-- Orders per status.\n-- key: order_status\nSELECT order_status, count(*)::INTEGER AS orders FROM silver.orders GROUP BY ALL' };
const SELLER_COUNT: ModelFile = { path: 'gold/seller_count.sql', sql: '-- Sellers.\nSELECT count(*)::INTEGER AS sellers FROM silver.sellers' };

describe('replaceTableReference', () => {
  it('replaces the reference in code, quoted or not, and nowhere else', () => {
    const sql = `-- reads bronze.orders\nSELECT 'bronze.orders', o.x FROM bronze.orders AS o JOIN "bronze"."orders" USING (x) JOIN bronze.orders_2 USING (x) JOIN silver.orders USING (x)`;
    expect(replaceTableReference(sql, 'bronze', 'orders', 'temp.main."orders"')).toBe(
      `-- reads bronze.orders\nSELECT 'bronze.orders', o.x FROM temp.main."orders" AS o JOIN temp.main."orders" USING (x) JOIN bronze.orders_2 USING (x) JOIN silver.orders USING (x)`,
    );
    expect(replaceTableReference('SELECT * FROM Bronze . Orders', 'bronze', 'orders', 'n')).toBe('SELECT * FROM n');
  });
});

describe.each(testEngines)('incremental runs on %s', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const load = async (files: Record<string, string>) => {
    const report = await loadFiles(engine, Object.entries(files).map(([path, text]) => ({ path, bytes: utf8(text) })));
    expect(report.errors).toEqual([]);
    await commitBatch(engine, emptyIngestReport());
  };
  const how = async (models = [ORDERS, SELLERS, BY_STATUS, SELLER_COUNT]) => {
    const run = await runPipeline(engine, models.map(parseModel), { incremental: true });
    expect(run.models.filter((m) => m.status !== 'success')).toEqual([]);
    return Object.fromEntries(run.models.map((m) => [m.name, m.incremental ?? 'whole']));
  };

  it('builds only what a batch changed, and whole whatever it cannot trust', async () => {
    await load({ 'orders.csv': `${HEADER}\no1,c1,Delivered,2018-01-01\no2,c2,shipped,2018-01-02\n`, 'sellers.csv': 'seller_id,seller_zip_code_prefix\ns1,01037\n' });
    const all = { 'silver.orders': 'whole', 'silver.sellers': 'whole', 'gold.by_status': 'whole', 'gold.seller_count': 'whole' };
    expect(await how()).toEqual(all);
    const none = { 'silver.orders': 'unchanged', 'silver.sellers': 'unchanged', 'gold.by_status': 'unchanged', 'gold.seller_count': 'unchanged' };
    expect(await how()).toEqual(none);

    // A batch of orders: silver.orders merges it, the sellers' side stays.
    await load({ 'orders2.csv': `${HEADER}\no2,c2,delivered,2018-01-02\no3,c3,shipped,2018-01-03\n` });
    expect(await how()).toEqual({ 'silver.orders': 'merged', 'silver.sellers': 'unchanged', 'gold.by_status': 'whole', 'gold.seller_count': 'unchanged' });
    expect((await engine.query('SELECT order_id, order_status FROM silver.orders ORDER BY ALL')).toArray().map((r) => `${r.order_id}:${r.order_status}`)).toEqual(['o1:delivered', 'o2:delivered', 'o3:shipped']);
    expect((await engine.query(`SELECT _kind FROM duplicates.orders`)).toArray().map((r) => String(r._kind))).toEqual(['superseded']);

    // silver.sellers passes bronze's columns through (SELECT *: _batch too, and a column a batch
    // brings): never merged, built whole, with the new column.
    await load({ 'sellers2.csv': 'seller_id,seller_zip_code_prefix,seller_city\ns2,01038,rio\n' });
    expect(await how()).toEqual({ ...none, 'silver.sellers': 'whole', 'gold.seller_count': 'whole' });
    expect((await engine.query(`SELECT seller_id, seller_city FROM silver.sellers ORDER BY ALL`)).toArray().map((r) => `${r.seller_id}:${r.seller_city}`)).toEqual(['s1:null', 's2:rio']);

    // An edited model is built whole, and so is what reads it.
    const edited = { ...ORDERS, sql: ORDERS.sql.replace('lower(order_status)', 'upper(order_status)') };
    expect(await how([edited, SELLERS, BY_STATUS, SELLER_COUNT])).toEqual({ ...none, 'silver.orders': 'whole', 'gold.by_status': 'whole' });
    // A table changed behind the pipeline's back (its rows differ from the record's) is built whole.
    await engine.exec(`DELETE FROM gold.seller_count`);
    expect(await how()).toEqual({ ...none, 'silver.orders': 'whole', 'gold.by_status': 'whole', 'gold.seller_count': 'whole' });
    // A console statement that writes, here without changing any count: everything whole.
    const wrote = await new SqlConsole(engine).run(`UPDATE gold.by_status SET orders = orders + 1; SELECT sum(orders) FROM gold.by_status`);
    expect(wrote.kind, JSON.stringify(wrote)).toBe('rows');
    expect(await how()).toEqual(all);
    // Forgotten records (a rollback does this): everything whole.
    await forgetAllBuilds(engine);
    expect(await how()).toEqual(all);
    // A run that is not incremental builds whole and forgets what it rebuilt.
    await runPipeline(engine, [ORDERS, SELLERS, BY_STATUS, SELLER_COUNT].map(parseModel), { only: ['silver.sellers', 'gold.seller_count'] });
    expect(await how()).toEqual({ ...none, 'silver.sellers': 'whole', 'gold.seller_count': 'whole' });
  });
});
