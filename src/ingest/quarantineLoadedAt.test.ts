import { serialize } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { testEngines } from '../engine/testEngines';
import { parseModel } from '../pipeline/model';
import { runPipeline } from '../pipeline/runner';
import { loadFiles } from './loadFiles';

const utf8 = (s: string) => new TextEncoder().encode(s);
const LOADED_AT = new Date(Date.UTC(2026, 11, 7, 3, 4, 5, 678));

/**
 * `_loaded_at` of quarantined rows is bronze's: the same TIMESTAMP type and the same value
 * for every loader (CSV, dump, JSON, BSON) and for rows silver sets aside (issue #13 §5:
 * it once was a JavaScript date string, `Mon Dec 07 2026 …`).
 */
describe.each(testEngines)('quarantine._loaded_at on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    const bson = [serialize({ seller_id: 'b1', seller_zip_code_prefix: '01001' }), serialize({ seller_id: 'b2', seller_zip_code_prefix: '01002' })];
    const cut = new Uint8Array(bson[0]!.length + bson[1]!.length);
    cut.set(bson[0]!);
    cut.set(bson[1]!, bson[0]!.length);
    new DataView(cut.buffer).setInt32(bson[0]!.length, 5, true); // the second document claims 5 bytes
    const report = await loadFiles(
      engine,
      [
        { path: 'olist_sellers_dataset.csv', bytes: utf8('seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01001,campinas,SP\ns2,01002,campinas,SP,extra\n') },
        { path: 'shop.sql', bytes: utf8("CREATE TABLE sellers (seller_id varchar(9), seller_zip_code_prefix char(5), seller_city varchar(9), seller_state char(2));\nINSERT INTO sellers VALUES ('d1','01001','x','SP'),('d2','01002');\n") },
        { path: 'sellers.json', bytes: utf8('{"seller_id": "j1", "seller_zip_code_prefix": "01001"}\n{"seller_id": "j2", \n') },
        { path: 'sellers.bson', bytes: cut },
      ],
      { loadedAt: LOADED_AT },
    );
    expect(report.sources.map((s) => [s.file, s.quarantined])).toEqual([
      ['olist_sellers_dataset.csv', 1], ['shop.sql', 1], ['sellers.json', 1], ['sellers.bson', 1],
    ]);
    const model = parseModel({
      path: 'silver/sellers.sql',
      sql: `-- Sellers.\n-- key: seller_id\nSELECT seller_id, _source, _source_kind, _row, _loaded_at,\n  CASE WHEN seller_id = 's1' THEN 'set aside by silver' END AS _reason\nFROM bronze.sellers`,
    });
    await runPipeline(engine, [model]);
  });
  afterAll(async () => {
    await engine?.close();
  });
  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());

  it('has the TIMESTAMP type and the value of bronze, at every stage and for every loader', async () => {
    const types = await rows(`SELECT schema_name, data_type FROM duckdb_columns() WHERE table_name = 'sellers' AND column_name = '_loaded_at' ORDER BY schema_name`);
    expect(types).toEqual([
      { schema_name: 'bronze', data_type: 'TIMESTAMP' },
      { schema_name: 'quarantine', data_type: 'TIMESTAMP' },
      { schema_name: 'silver', data_type: 'TIMESTAMP' },
    ]);
    const q = await rows(`SELECT _source, _stage, strftime(_loaded_at, '%Y-%m-%d %H:%M:%S.%g') AS at FROM quarantine.sellers ORDER BY _stage, _source`);
    expect(q).toEqual([
      { _source: 'olist_sellers_dataset.csv', _stage: 'ingest', at: '2026-12-07 03:04:05.678' },
      { _source: 'sellers.bson', _stage: 'ingest', at: '2026-12-07 03:04:05.678' },
      { _source: 'sellers.json', _stage: 'ingest', at: '2026-12-07 03:04:05.678' },
      { _source: 'shop.sql:sellers', _stage: 'ingest', at: '2026-12-07 03:04:05.678' },
      { _source: 'olist_sellers_dataset.csv', _stage: 'silver', at: '2026-12-07 03:04:05.678' },
    ]);
    const [same] = await rows(`SELECT count(*)::INTEGER AS n FROM quarantine.sellers q WHERE _loaded_at = (SELECT any_value(_loaded_at) FROM bronze.sellers)`);
    expect(same).toEqual({ n: 5 });
  });
});
