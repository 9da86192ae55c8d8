import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { IngestError } from '../ingestError';
import { isMongoExportJson } from './isMongoExportJson';
import { DEFAULT_LOAD_LIMITS, loadDocuments } from './loadDocuments';
import { loadBson } from './loadBson';
import { loadMongoJson, mongoJsonSource } from './loadMongoJson';
import { columnTypes, ctx, fixture, LOADED_AT, rows } from './testing/mongoFixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Everything but the columns that name the file: equal across forms of one collection. */
const content = (engine: Engine, table: string, source: string) =>
  rows(engine, `SELECT * EXCLUDE (_source, _source_kind) FROM bronze.${table} WHERE _source = '${source}' ORDER BY _row`);

describe('isMongoExportJson', () => {
  it.each([
    ['{"a":1}\n', true],
    ['\ufeff  \n{"a":1}', true],
    ['[\n\t{"a":1}]', true],
    ['[]', true],
    ['[1,2]', false],
    ['a,b\n1,2\n', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isMongoExportJson(utf8(text))).toBe(expected);
  });
});

describe.each(testEngines)('mongoexport JSON on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await ensureLayerSchemas(engine);
    await loadBson(engine, fixture('dump/shop/products.bson'), ctx());
    await loadBson(engine, fixture('dump/shop/product_categories.bson'), ctx());
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(['export/canonical/products.json', 'export/relaxed/products.json', 'export/pretty/products.json'])(
    'loads %s with the same rows and types as the BSON dump',
    async (path) => {
      const loaded = await loadMongoJson(engine, fixture(path), ctx());
      expect(loaded).toMatchObject({ format: 'json', source: 'products', recognised: true, rows: 24, quarantined: 0 });
      expect(await content(engine, 'products', path)).toEqual(await content(engine, 'products', 'dump/shop/products.bson'));
      expect(await rows(engine, `SELECT DISTINCT _source_kind FROM bronze.products WHERE _source = '${path}'`)).toEqual([{ _source_kind: 'json' }]);
    },
  );

  it.each(['export/array/product_categories.json', 'export/pretty-array/product_categories.json'])('loads the --jsonArray file %s', async (path) => {
    const loaded = await loadMongoJson(engine, fixture(path), ctx());
    expect(loaded).toMatchObject({ source: 'category_translation', rows: 71, quarantined: 0 });
    expect(await content(engine, 'category_translation', path)).toEqual(await content(engine, 'category_translation', 'dump/shop/product_categories.bson'));
  });

  it('quarantines malformed lines with their line and text, and loads the others', async () => {
    const path = 'export/damaged/products.json';
    const file = fixture(path);
    const lines = new TextDecoder().decode(file.bytes).split('\n');
    const loaded = await loadMongoJson(engine, file, ctx());
    expect(loaded).toMatchObject({ source: 'products', rows: 6, quarantined: 3 });
    expect(await rows(engine, `SELECT _row FROM bronze.products WHERE _source = '${path}' ORDER BY _row`)).toEqual([1n, 2n, 4n, 6n, 8n, 9n].map((r) => ({ _row: r })));
    const q = await rows(engine, `SELECT _source_kind, _line, _row, _reason, _raw, _stage FROM quarantine.products WHERE _source = '${path}' ORDER BY _line`);
    expect(q).toEqual([
      { _source_kind: 'json', _line: 3n, _row: 3n, _reason: expect.stringMatching(/^invalid JSON: /), _raw: lines[2], _stage: 'ingest' },
      { _source_kind: 'json', _line: 5n, _row: 5n, _reason: expect.stringMatching(/^invalid JSON: /), _raw: 'this is not JSON', _stage: 'ingest' },
      { _source_kind: 'json', _line: 7n, _row: 7n, _reason: expect.stringMatching(/^invalid Extended JSON: /), _raw: '{"product_id":{"$numberLong":"x"}}', _stage: 'ingest' },
    ]);
    expect(loaded.samples.map((s) => [s.file, s.line])).toEqual([[path, 3], [path, 5], [path, 7]]);
    // The good lines are exactly the dump's first products (line 3's product is the one lost).
    const dump = await content(engine, 'products', 'dump/shop/products.bson');
    const got = await content(engine, 'products', path);
    expect(got.map((r) => r._id)).toEqual([0, 1, 3, 4, 5, 6].map((i) => dump[i]._id));
  });

  it('reads the legacy (v1) Extended JSON forms', async () => {
    const loaded = await loadMongoJson(engine, fixture('export/legacy/legacy_types.json'), ctx());
    expect(loaded).toMatchObject({ source: 'legacy_types', rows: 2, quarantined: 0 });
    expect(await columnTypes(engine, 'bronze', 'legacy_types')).toEqual([
      '_id:VARCHAR', 'bin:BLOB', 'when:TIMESTAMP', 'epoch:TIMESTAMP', 're:VARCHAR', 'gone:VARCHAR', 'n:BIGINT',
      '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP',
    ]);
    expect(await rows(engine, 'SELECT hex(bin) AS bin, "when"::VARCHAR AS w, epoch::VARCHAR AS e, re, gone, n::VARCHAR AS n FROM bronze.legacy_types ORDER BY _row')).toEqual([
      { bin: '000102FF', w: '2012-12-24 12:15:30.501', e: '1970-01-01 00:00:00', re: '/^a/b/i', gone: null, n: '9007199254740993' },
      { bin: '73FFD26444B34C6990E8E7D1DFC035D4', w: '1969-12-31 23:59:59.999', e: '2012-12-24 12:15:30.501', re: '/x/', gone: null, n: '-5' },
    ]);
    expect(loaded.fieldStats?.find((f) => f.field === 'gone')).toMatchObject({ present: 2, nulls: 2 });
  });

  it('plans again when a field changes type after the sample, and reports the whole collection', async () => {
    // A sample of 100 documents (10,000 by default) so that the change comes after it.
    const limits = { ...DEFAULT_LOAD_LIMITS, sampleDocuments: 100 };
    const docs = Array.from({ length: 150 }, (_, i) => `{"n":${i},"s":"r${i}"}`);
    docs.push('{"n":"one hundred fifty","s":"late","extra":{"$numberLong":"9223372036854775807"}}');
    const bytes = utf8(docs.join('\n'));
    const loaded = await loadDocuments(engine, { path: 'export/late_change.json', bytes }, ctx(), mongoJsonSource(bytes), limits);
    expect(loaded.rows).toBe(151);
    expect(loaded.typeDecisions?.find((d) => d.field === 'n')).toMatchObject({
      columnType: 'VARCHAR',
      typesSeen: [{ type: 'int32', count: 150 }, { type: 'string', count: 1 }],
    });
    expect(await rows(engine, 'SELECT n, s, extra::VARCHAR AS extra FROM bronze.late_change WHERE _row IN (1, 150, 151) ORDER BY _row')).toEqual([
      { n: '0', s: 'r0', extra: null },
      { n: '149', s: 'r149', extra: null },
      { n: '"one hundred fifty"', s: 'late', extra: '9223372036854775807' },
    ]);
    expect(loaded.fieldStats?.find((f) => f.field === 'extra')).toEqual({ field: 'extra', column: 'extra', present: 1, missing: 150, nulls: 0 });
  });

  it('plans again when only a new field (top-level or nested) appears after the sample', async () => {
    const limits = { ...DEFAULT_LOAD_LIMITS, sampleDocuments: 100 };
    const docs = Array.from({ length: 150 }, (_, i) => `{"n":${i},"d":{"a":${i}}}`);
    docs.push('{"n":150,"d":{"a":150,"b":true}}', '{"n":151,"d":{"a":151},"late":"x"}');
    const bytes = utf8(docs.join('\n'));
    const loaded = await loadDocuments(engine, { path: 'export/late_field.json', bytes }, ctx(), mongoJsonSource(bytes), limits);
    expect(loaded).toMatchObject({ rows: 152, columns: ['n', 'd', 'late'] });
    expect(loaded.typeDecisions?.find((d) => d.field === 'd')).toMatchObject({ columnType: 'STRUCT("a" INTEGER, "b" BOOLEAN)' });
    expect(loaded.fieldStats?.find((f) => f.field === 'late')).toEqual({ field: 'late', column: 'late', present: 1, missing: 151, nulls: 0 });
    expect(await rows(engine, 'SELECT n, d.b AS b, late FROM bronze.late_field WHERE n IN (0, 149, 150, 151) ORDER BY _row')).toEqual([
      { n: 0, b: null, late: null },
      { n: 149, b: null, late: null },
      { n: 150, b: true, late: null },
      { n: 151, b: null, late: 'x' },
    ]);
  });

  it('keeps file order across many small batches, through a second pass', async () => {
    const docs = Array.from({ length: 2_500 }, (_, i) => (i === 2_400 ? `{"n":"late","i":${i}}` : `{"n":${i},"i":${i}}`));
    const bytes = utf8(docs.join('\n'));
    const limits = { sampleDocuments: 100, sampleBytes: 1 << 20, batch: { rows: 300, bytes: 1 << 20 } };
    const path = 'export/small_batches.json';
    const loaded = await loadDocuments(engine, { path, bytes }, ctx(), mongoJsonSource(bytes), limits);
    expect(loaded).toMatchObject({ rows: 2_500, quarantined: 0 });
    expect(loaded.typeDecisions?.find((d) => d.field === 'n')).toMatchObject({ columnType: 'VARCHAR' });
    expect(await rows(engine, 'SELECT count(*) FILTER (WHERE _row <> rowid + 1 OR i <> rowid)::INTEGER AS misplaced, count(*)::INTEGER AS n FROM bronze.small_batches')).toEqual([
      { misplaced: 0, n: 2_500 },
    ]);
    expect(await rows(engine, 'SELECT n FROM bronze.small_batches WHERE i IN (0, 2399, 2400) ORDER BY i')).toEqual([{ n: '0' }, { n: '2399' }, { n: '"late"' }]);
    expect(DEFAULT_LOAD_LIMITS).toMatchObject({ sampleDocuments: 10_000, batch: { rows: 50_000 } });
  });

  it('stages rows in bronze shape: a new source is the staged table renamed, the next file is appended by name', async () => {
    const first = utf8(Array.from({ length: 700 }, (_, i) => `{"a":${i},"s":"x${i}"}`).join('\n'));
    const second = utf8('{"s":"late","a":0,"b":true}\n'); // other field order, one more field
    const limits = { ...DEFAULT_LOAD_LIMITS, batch: { rows: 256, bytes: 1 << 20 } }; // three batches
    await loadDocuments(engine, { path: 'export/staged_shape.json', bytes: first }, ctx(), mongoJsonSource(first), limits);
    expect(await columnTypes(engine, 'bronze', 'staged_shape')).toEqual([
      'a:INTEGER', 's:VARCHAR', '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP',
    ]);
    // Like a CREATE TABLE AS: no NOT NULL on any column, so later files may leave them empty.
    expect(await rows(engine, "SELECT DISTINCT is_nullable FROM information_schema.columns WHERE table_schema = 'bronze' AND table_name = 'staged_shape'")).toEqual([
      { is_nullable: 'YES' },
    ]);
    await loadMongoJson(engine, { path: 'more/staged_shape.json', bytes: second }, ctx());
    expect(await columnTypes(engine, 'bronze', 'staged_shape')).toEqual([
      'a:INTEGER', 's:VARCHAR', '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP', 'b:BOOLEAN',
    ]);
    expect(await rows(engine, `SELECT _source, _source_kind, count(*)::INTEGER AS n, min(_row)::INTEGER AS first, max(_row)::INTEGER AS last,
        count(*) FILTER (WHERE a <> _row - 1)::INTEGER AS misplaced, min(_loaded_at)::VARCHAR AS at_min, max(_loaded_at)::VARCHAR AS at_max
      FROM bronze.staged_shape GROUP BY ALL ORDER BY _source`)).toEqual([
      { _source: 'export/staged_shape.json', _source_kind: 'json', n: 700, first: 1, last: 700, misplaced: 0, at_min: LOADED_AT, at_max: LOADED_AT },
      { _source: 'more/staged_shape.json', _source_kind: 'json', n: 1, first: 1, last: 1, misplaced: 0, at_min: LOADED_AT, at_max: LOADED_AT },
    ]);
    expect(await rows(engine, "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE table_name LIKE '\\_mongo%' ESCAPE '\\'")).toEqual([]);
  });

  it('puts integers and decimals of one field into one exact DECIMAL column', async () => {
    const bytes = utf8('{"p":{"$numberDecimal":"1.25"}}\n{"p":3}\n{"p":{"$numberLong":"-7"}}\n{"p":{"$numberDecimal":"-0.5E+1"}}\n');
    const loaded = await loadMongoJson(engine, { path: 'export/prices.json', bytes }, ctx());
    expect(loaded.typeDecisions?.[0]).toMatchObject({ columnType: 'DECIMAL(38,2)', typesSeen: [{ type: 'decimal', count: 2 }, { type: 'int32', count: 1 }, { type: 'int64', count: 1 }] });
    expect(await rows(engine, 'SELECT p::VARCHAR AS p FROM bronze.prices ORDER BY _row')).toEqual([{ p: '1.25' }, { p: '3.00' }, { p: '-7.00' }, { p: '-5.00' }]);
  });

  it('keeps a field named __proto__ as a plain column', async () => {
    const bytes = utf8('{"__proto__":{"x":1},"a":1}\n{"a":2}\n');
    const loaded = await loadMongoJson(engine, { path: 'export/proto_keys.json', bytes }, ctx());
    expect(loaded.columns).toEqual(['__proto__', 'a']);
    expect(await rows(engine, 'SELECT "__proto__".x AS x, a FROM bronze.proto_keys ORDER BY _row')).toEqual([{ x: 1, a: 1 }, { x: null, a: 2 }]);
  });

  it('loads an empty export as an empty table, and refuses a file that is not JSON documents', async () => {
    expect(await loadMongoJson(engine, { path: 'export/nothing.json', bytes: utf8('\n') }, ctx())).toMatchObject({ source: 'nothing', rows: 0 });
    const error = await loadMongoJson(engine, { path: 'export/table.json', bytes: utf8('\n\nid,name\n1,x\n') }, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).toJSON()).toEqual({ file: 'export/table.json', line: 3, byteOffset: 2, message: expect.stringMatching(/^this is not JSON documents/) });
  });
});
