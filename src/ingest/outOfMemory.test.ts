import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';
import { Lakehouse } from '../lakehouse/lakehouse';
import { estimateLoadedBytes, memoryLimit, memoryWarning } from './memoryEstimate';

/**
 * Issue #7, memory, for real: DuckDB-WASM in Node with a small memory_limit, and loads and
 * a model that need more. The error must say what to do, the half-built table must be
 * gone, and the engine must still answer.
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const ROWS = 1_000_000;
const SELLERS_CSV = utf8(
  'seller_id,seller_zip_code_prefix,seller_city,seller_state\n' + Array.from({ length: ROWS }, (_, i) => `seller-${i}-${'x'.repeat(20)},${String(i % 99999).padStart(5, '0')},campinas ${i},SP\n`).join(''),
);
const SELLERS_DUMP = utf8(
  "CREATE TABLE `sellers` (`seller_id` varchar(64), `seller_zip_code_prefix` char(5), `seller_city` varchar(64), `seller_state` char(2));\n" +
    Array.from({ length: ROWS / 1000 }, (_, s) =>
      'INSERT INTO `sellers` VALUES ' + Array.from({ length: 1000 }, (_, i) => `('seller-${s * 1000 + i}-${'x'.repeat(20)}','01001','campinas ${i}','SP')`).join(',') + ';\n',
    ).join(''),
);
const ADVICE = /^DuckDB ran out of memory while loading this file \(.+\)\. Nothing half-built was kept and the lakehouse still works\. Load fewer files at a time, or run the pipeline with the native engine, .*npm run pipeline -- --engine native --out DIR FILES…$/;

describe('out of memory in DuckDB-WASM (memory_limit 64 MiB)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });
  beforeEach(async () => {
    await engine.exec("SET memory_limit = '3GB'");
    await new Lakehouse(engine).reset();
    await engine.exec("SET memory_limit = '64MiB'");
  });

  // The data tables: meta.* records the batches (src/lakehouse/batches), which every load adds to.
  const tables = async () => (await engine.query("SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name <> 'meta' ORDER BY t")).toArray().map((r) => String(r.t));
  const answers = async () => Number((await engine.query('SELECT 41 + 1 AS n')).get(0)?.n);

  it.each([
    ['a CSV', 'shop/olist_sellers_dataset.csv', SELLERS_CSV],
    ['a dump', 'shop/sellers.sql', SELLERS_DUMP],
  ])('loading %s past the limit: warned first, then a message that says what to do, nothing half-loaded, and the engine still answers', async (_n, path, bytes) => {
    const translation = { path: 'shop/product_category_name_translation.csv', bytes: utf8('product_category_name,product_category_name_english\nbeleza_saude,health_beauty\n') };
    const report = await new Lakehouse(engine).load([translation, { path, bytes }]);

    expect(report.warnings).toEqual([expect.stringMatching(/^these files will take about .* in DuckDB once loaded, .*more than the 64 MiB DuckDB can use in this tab\. If it runs out of memory, load fewer files at a time, or run the pipeline with the native engine/)]);
    expect(report.errors).toEqual([{ file: path, message: expect.stringMatching(ADVICE) }]);
    expect(report.sources.map((s) => s.table)).toEqual(['bronze.category_translation']);
    expect(await tables()).toEqual(['bronze.category_translation']);
    expect(await answers()).toBe(42);
  });

  it('a model past the limit fails with what to do, drops its half-built table, and the lakehouse still works', async () => {
    const lakehouse = new Lakehouse(engine);
    await engine.exec("SET memory_limit = '3GB'");
    await lakehouse.load([{ path: 'shop/olist_sellers_dataset.csv', bytes: SELLERS_CSV }]);
    // Room for bronze, not for the model's 10 M joined rows.
    await engine.exec("SET memory_limit = '400MiB'");
    const model = { path: 'silver/sellers.sql', sql: '-- Sellers, each joined to every seller of its zip prefix, ~10 M rows (too big on purpose).\n-- key: seller_id\nSELECT a.*, b.seller_city AS other_city, NULL AS _reason FROM bronze.sellers a JOIN bronze.sellers b USING (seller_zip_code_prefix) ORDER BY 1' };
    const run = await lakehouse.runPipeline([model]);
    expect(run.models).toEqual([
      expect.objectContaining({ name: 'silver.sellers', status: 'failed', error: expect.stringMatching(/^DuckDB ran out of memory building silver\.sellers \(.+\)\. Nothing half-built was kept.*--engine native/) }),
    ]);
    expect(run.ok).toBe(false);
    expect((await tables()).filter((t) => !t.startsWith('bronze.'))).toEqual([]);
    expect(await answers()).toBe(42);
    expect(Number((await engine.query('SELECT count(*)::INTEGER AS n FROM bronze.sellers')).get(0)?.n)).toBe(ROWS);
  });
});

describe('the memory estimate', () => {
  it('multiplies file sizes by the measured factor of each format, compressed ones by the gzip ratio too', () => {
    const MiB = 2 ** 20;
    expect(estimateLoadedBytes([{ path: 'a.csv', size: 100 * MiB }])).toBe(350 * MiB);
    expect(estimateLoadedBytes([{ path: 'a.json', size: 100 * MiB }, { path: 'd/b.bson', size: 100 * MiB }])).toBe(250 * MiB);
    expect(estimateLoadedBytes([{ path: 'shop.sql.gz', size: 100 * MiB }])).toBeCloseTo(990 * MiB);
    expect(estimateLoadedBytes([{ path: 'olist.zip', size: 10 * MiB }])).toBeCloseTo(105 * MiB);
  });

  it('warns only near the limit, counting silver and gold', () => {
    const GiB = 2 ** 30;
    expect(memoryWarning(1 * GiB, 3.1 * GiB)).toBeUndefined();
    expect(memoryWarning(1.2 * GiB, 3.1 * GiB)).toMatch(/^these files will take about 1\.2 GiB in DuckDB once loaded, about 2\.4 GiB with silver and gold, close to the 3\.1 GiB/);
    expect(memoryWarning(2 * GiB, 3.1 * GiB)).toMatch(/more than the 3\.1 GiB/);
  });

  it("reads DuckDB-WASM's memory limit", async () => {
    const engine = await createNodeWasmEngine();
    try {
      expect(await memoryLimit(engine)).toBeGreaterThan(1 * 2 ** 30);
      await engine.exec("SET memory_limit = '64MiB'");
      expect(await memoryLimit(engine)).toBe(64 * 2 ** 20);
    } finally {
      await engine.close();
    }
  });
});
