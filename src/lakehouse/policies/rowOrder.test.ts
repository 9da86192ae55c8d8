import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { buildLakehouse, generatedOlistFiles, GOLD } from '../../pipeline/models/testHarness';
import { buildExtract, SOURCE_SCHEMA } from './buildExtract';
import { columnAccess, maskedColumnSql, maskKey } from './columnMasks';
import { policiesSchema } from './policySchema';

/**
 * A hashed column hides its values, but not the order of the rows it is published in. The
 * full lakehouse's customers are stored here sorted by zip prefix (a masked column): an
 * extract published in that order would let anyone sort the hidden zip prefixes.
 */
describe('the row order of a published extract', () => {
  let engine: Engine;
  const key = maskKey(new Uint8Array(32).fill(7));
  beforeAll(async () => {
    engine = await NativeEngine.open();
    await buildLakehouse(engine, generatedOlistFiles());
    await engine.exec(`CREATE SCHEMA ${SOURCE_SCHEMA}`);
    for (const t of ['orders', 'order_items', 'customers', 'sellers', 'products', 'order_payments', 'order_reviews', 'geolocation', 'category_translation']) {
      const order = t === 'customers' ? ' ORDER BY customer_zip_code_prefix, customer_id' : '';
      await engine.exec(`CREATE TABLE ${SOURCE_SCHEMA}.${t} AS SELECT * FROM silver.${t}${order}`);
    }
  }, 120_000);
  afterAll(async () => engine?.close());

  /** Of the zip prefixes in published order, the share of neighbours already in order (sorted: 1; shuffled: about 0.5). */
  async function sortedShare(sql: string): Promise<number> {
    const token = maskedColumnSql('customer_zip_code_prefix', 'VARCHAR', columnAccess('customer_zip_code_prefix'), key).replace(/ AS "?customer_zip_code_prefix"?$/, '');
    const zips = (await engine.query(`WITH published AS (SELECT customer_zip_code_prefix AS token, row_number() OVER () AS position FROM (${sql})),
        clear AS (SELECT DISTINCT ${token} AS token, customer_zip_code_prefix AS zip FROM ${SOURCE_SCHEMA}.customers)
      SELECT zip FROM published JOIN clear USING (token) ORDER BY position`)).toArray().map((r) => String(r.zip));
    expect(zips.length).toBeGreaterThan(500);
    let inOrder = 0;
    for (let i = 1; i < zips.length; i++) if (zips[i - 1]! <= zips[i]!) inOrder++;
    return inOrder / (zips.length - 1);
  }

  it('follows no masked column: the hidden zip prefixes come out shuffled', async () => {
    const audience = policiesSchema.parse({ version: 1, audiences: { all: { tables: { 'silver.customers': null }, dashboard: false } } }).audiences.all!;
    const tables = await buildExtract(engine, audience, {}, GOLD, key);
    const customers = tables.find((t) => t.name === 'customers')!;
    expect(customers.columns.find((c) => c.name === 'customer_zip_code_prefix')?.access).toBe('hash');
    // The extract's silver is built from the sorted source: masked but published as stored, it would be sorted.
    expect(await sortedShare(customers.sql.replace(/ ORDER BY .*$/s, ''))).toBe(1);
    const share = await sortedShare(customers.sql);
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
  }, 120_000);
});
