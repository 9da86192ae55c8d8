import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';
import { Lakehouse } from '../lakehouse/lakehouse';
import { binderMissingColumn } from './missingColumns';
import { bundledModelFiles } from './models/bundledModels';

/**
 * Issue #7 (a): a recognised source without a column its silver model reads. Bronze keeps
 * the file; the model is skipped with the file and the column, not a DuckDB Binder Error,
 * and the models that read it are skipped too.
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const SELLERS_WITHOUT_CITY = utf8('seller_id,seller_zip_code_prefix,seller_state\ns1,01001,SP\ns2,01002,RJ\n');

describe('a source lacking columns its silver model reads', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('skips the shipped model, naming the file and every missing column, before DuckDB fails', async () => {
    const lakehouse = new Lakehouse(engine);
    await lakehouse.reset();
    await lakehouse.load([{ path: 'export/olist_sellers_dataset.csv', bytes: SELLERS_WITHOUT_CITY }]);
    const run = await lakehouse.runPipeline(bundledModelFiles);
    const sellers = run.models.find((m) => m.name === 'silver.sellers')!;
    expect(sellers.status).toBe('skipped');
    expect(sellers.error).toBe(
      'bronze.sellers (from export/olist_sellers_dataset.csv) has no column seller_city, which silver.sellers reads, so silver.sellers was not built; ' +
        'bronze is loaded and can be queried. Export the file again with every column (empty values are fine), or add the missing column to its header, and load it again.',
    );
    expect(run.models.filter((m) => m.status === 'failed')).toEqual([]);
    expect(Number((await engine.query('SELECT count(*)::INTEGER AS n FROM bronze.sellers')).get(0)?.n)).toBe(2);
  });

  it('turns a Binder Error about a bronze column the lineage did not foresee into the same message', async () => {
    const lakehouse = new Lakehouse(engine);
    await lakehouse.reset();
    await lakehouse.load([{ path: 'export/olist_sellers_dataset.csv', bytes: SELLERS_WITHOUT_CITY }]);
    const model = { path: 'silver/sellers.sql', sql: '-- Sellers with a rating.\n-- key: seller_id\nSELECT *, NULL AS _reason FROM bronze.sellers WHERE seller_rating > 3' };
    const run = await lakehouse.runPipeline([model]);
    expect(run.models[0]).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/^bronze\.sellers \(from export\/olist_sellers_dataset\.csv\) has no column seller_rating, which silver\.sellers reads/),
    });
  });

  it('reads the column out of both Binder Errors DuckDB gives for it, and nothing out of others', () => {
    expect(binderMissingColumn('Binder Error: Referenced column "seller_rating" not found in FROM clause!\nCandidate bindings: …')).toBe('seller_rating');
    expect(binderMissingColumn('Binder Error: Column "seller_id" referenced that exists in the SELECT clause - but this column cannot be referenced before it is defined')).toBe('seller_id');
    expect(binderMissingColumn('Catalog Error: Table with name x does not exist!')).toBeUndefined();
  });
});
