import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Int32, Long, ObjectId, serialize, type Document } from 'bson';
import { productCategories, products } from '../../../fixtures/mongo/documents';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { expandArchives } from '../archive/expandArchives';
import { detectFormat, isSideFile } from '../detectFormat';
import { IngestError } from '../ingestError';
import { loadBson } from './loadBson';
import { PartialLoadError } from './partialLoadError';
import { columnTypes, ctx, fixture, rows } from './testing/mongoFixtures';

const int = (v: unknown) => (v == null ? null : (v as Int32).value);

/** The products as bronze should hold them, straight from the source documents. */
function expectedProducts(source: string) {
  return products().map((d, i) => ({
    _id: (d._id as ObjectId).toHexString(),
    product_id: d.product_id,
    product_category_name: d.product_category_name ?? null,
    product_name_lenght: int(d.product_name_lenght),
    product_description_lenght: int(d.product_description_lenght),
    product_photos_qty: int(d.product_photos_qty),
    product_weight_g: int(d.product_weight_g),
    product_length_cm: int(d.product_length_cm),
    product_height_cm: int(d.product_height_cm),
    product_width_cm: int(d.product_width_cm),
    _source: source,
    _source_kind: 'mongo',
    _row: BigInt(i + 1),
    _loaded_at: '2026-01-02 03:04:05',
  }));
}

const PRODUCT_COLUMNS = '_id, product_id, product_category_name, product_name_lenght, product_description_lenght, product_photos_qty, product_weight_g, product_length_cm, product_height_cm, product_width_cm, _source, _source_kind, _row, _loaded_at::VARCHAR AS _loaded_at';

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function partialLoad(load: Promise<unknown>): Promise<PartialLoadError> {
  const error = await load.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PartialLoadError);
  return error as PartialLoadError;
}

describe.each(testEngines)('mongodump .bson on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await ensureLayerSchemas(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('loads <db>/products.bson into bronze.products with exact values and typed columns', async () => {
    const path = 'dump/shop/products.bson';
    const loaded = await loadBson(engine, fixture(path), ctx());
    expect(loaded).toMatchObject({ file: path, format: 'mongo', source: 'products', recognised: true, table: 'bronze.products', rows: 24, quarantined: 0 });
    expect(loaded.columns).toEqual(['_id', 'product_id', 'product_category_name', 'product_name_lenght', 'product_description_lenght', 'product_photos_qty', 'product_weight_g', 'product_length_cm', 'product_height_cm', 'product_width_cm']);
    expect(await rows(engine, `SELECT ${PRODUCT_COLUMNS} FROM bronze.products WHERE _source = '${path}' ORDER BY _row`)).toEqual(expectedProducts(path));
    expect(await columnTypes(engine, 'bronze', 'products')).toEqual([
      '_id:VARCHAR', 'product_id:VARCHAR', 'product_category_name:VARCHAR', 'product_name_lenght:INTEGER', 'product_description_lenght:INTEGER',
      'product_photos_qty:INTEGER', 'product_weight_g:INTEGER', 'product_length_cm:INTEGER', 'product_height_cm:INTEGER', 'product_width_cm:INTEGER',
      '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP',
    ]);
    // Two products lack the category fields, one has them as explicit nulls.
    expect(loaded.fieldStats?.find((f) => f.field === 'product_category_name')).toEqual({ field: 'product_category_name', column: 'product_category_name', present: 22, missing: 2, nulls: 1 });
    expect(loaded.fieldStats?.find((f) => f.field === 'product_weight_g')).toMatchObject({ present: 24, missing: 0, nulls: 0 });
    expect(loaded.typeDecisions?.find((d) => d.field === 'product_name_lenght')).toEqual({
      field: 'product_name_lenght', column: 'product_name_lenght', typesSeen: [{ type: 'int32', count: 21 }, { type: 'null', count: 1 }], columnType: 'INTEGER', reason: 'every value is int32',
    });
  });

  it('recognises the category translation collection', async () => {
    const loaded = await loadBson(engine, fixture('dump/shop/product_categories.bson'), ctx());
    expect(loaded).toMatchObject({ source: 'category_translation', recognised: true, table: 'bronze.category_translation', rows: 71 });
    const got = await rows(engine, "SELECT product_category_name AS n, product_category_name_english AS e FROM bronze.category_translation WHERE _source_kind = 'mongo' ORDER BY _row");
    expect(got).toEqual(productCategories().map((c) => ({ n: c.product_category_name, e: c.product_category_name_english })));
  });

  it('names an unrecognised collection after its file, and loads an empty one as an empty table', async () => {
    const doc = serialize({ _id: new ObjectId('5f0000000000000000000001'), note: 'x' });
    const loaded = await loadBson(engine, { path: 'dump/crm/Support Tickets.bson', bytes: doc }, ctx());
    expect(loaded).toMatchObject({ source: 'support_tickets', recognised: false, table: 'bronze.support_tickets', rows: 1 });
    const empty = await loadBson(engine, { path: 'dump/crm/empty_things.bson', bytes: new Uint8Array() }, ctx());
    expect(empty).toMatchObject({ source: 'empty_things', rows: 0, columns: [] });
    expect(await columnTypes(engine, 'bronze', 'empty_things')).toEqual(['_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP']);
  });

  it('reads mongodump --gzip output once the archive step has inflated it, and skips metadata', async () => {
    const { files, problems } = expandArchives(
      [fixture('dump-gzip/shop/products.bson.gz'), fixture('dump-gzip/shop/products.metadata.json.gz')],
      { maxInflatedBytes: 1 << 20 },
    );
    expect(problems).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['dump-gzip/shop/products.bson', 'dump-gzip/shop/products.metadata.json']);
    expect(detectFormat(files[0].path)).toBe('bson');
    expect(isSideFile(files[1].path)).toBe(true);
    expect(isSideFile('dump/shop/products.metadata.json')).toBe(true);
    expect(files[0].bytes).toEqual(fixture('dump/shop/products.bson').bytes);
    const loaded = await loadBson(engine, files[0], ctx());
    expect(loaded.rows).toBe(24);
    const source = 'dump-gzip/shop/products.bson';
    expect(await rows(engine, `SELECT ${PRODUCT_COLUMNS} FROM bronze.products WHERE _source = '${source}' ORDER BY _row`)).toEqual(expectedProducts(source));
  });

  it('stops at a truncated file with the byte offset, keeping the documents before it', async () => {
    const bytes = fixture('dump/shop/products.bson').bytes;
    const offsets = docOffsets(bytes);
    const cut = offsets[20] + 30; // 30 bytes into the 21st document
    const path = 'truncated/products.bson';
    const error = await partialLoad(loadBson(engine, { path, bytes: bytes.slice(0, cut) }, ctx()));
    expect(error).toBeInstanceOf(IngestError);
    expect(error.toJSON()).toEqual({
      file: path,
      byteOffset: offsets[20],
      message: `a document of ${offsets[21] - offsets[20]} bytes starts here but only 30 byte(s) are left: the file is truncated. 20 document(s) before it were loaded into bronze.products; the last 30 byte(s) of the file were not read. Get a complete copy of the file (run mongodump again) to load the rest.`,
    });
    expect(error.loaded).toMatchObject({ rows: 20, table: 'bronze.products' });
    expect(await rows(engine, `SELECT ${PRODUCT_COLUMNS} FROM bronze.products WHERE _source = '${path}' ORDER BY _row`)).toEqual(expectedProducts(path).slice(0, 20));
  });

  it('stops at a damaged length prefix with the byte offset, keeping the documents before it', async () => {
    const bytes = fixture('dump/shop/products.bson').bytes.slice();
    const offsets = docOffsets(bytes);
    new DataView(bytes.buffer).setInt32(offsets[9], -7, true);
    const path = 'damaged/products.bson';
    const error = await partialLoad(loadBson(engine, { path, bytes }, ctx()));
    expect(error.message).toBe(
      `${path} (byte ${offsets[9]}): invalid document length -7 (a BSON document is 5 bytes to 16 MiB): the file is damaged or not BSON. 9 document(s) before it were loaded into bronze.products; the last ${bytes.length - offsets[9]} byte(s) of the file were not read. Get a complete copy of the file (run mongodump again) to load the rest.`,
    );
    expect(await rows(engine, `SELECT count(*)::INTEGER AS n, max(_row)::INTEGER AS last FROM bronze.products WHERE _source = '${path}'`)).toEqual([{ n: 9, last: 9 }]);
  });

  it('refuses a file that is not BSON at all without creating a table', async () => {
    const error = await loadBson(engine, { path: 'notes/readme.bson', bytes: new TextEncoder().encode('hello, this is text') }, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).not.toBeInstanceOf(PartialLoadError);
    expect((error as IngestError).toJSON()).toEqual({
      file: 'notes/readme.bson',
      byteOffset: 0,
      message: 'invalid document length 1819043176 (a BSON document is 5 bytes to 16 MiB): the file is damaged or not BSON; no document could be read.',
    });
    expect(await columnTypes(engine, 'bronze', 'readme')).toEqual([]);
  });

  it('quarantines a document bson rejects, with its offset and bytes, and loads the others', async () => {
    const docs = products().slice(0, 3).map((d) => serialize(d));
    const bad = serialize({ product_id: 'bad', product_category_name: 'x' });
    bad[bad.length - 1] = 1; // no terminating NUL
    const path = 'rejected/products.bson';
    const loaded = await loadBson(engine, { path, bytes: concat(docs[0], bad, docs[1], docs[2]) }, ctx());
    expect(loaded).toMatchObject({ rows: 3, quarantined: 1 });
    expect(loaded.samples).toEqual([{ file: path, byteOffset: docs[0].length, message: expect.stringMatching(/^bson could not read this document \(\d+ bytes\): /) }]);
    expect(await rows(engine, `SELECT _row FROM bronze.products WHERE _source = '${path}' ORDER BY _row`)).toEqual([{ _row: 1n }, { _row: 3n }, { _row: 4n }]);
    const q = await rows(engine, `SELECT _source_kind, _row, _line, _byte_offset, _stage, unhex(_raw) = ${blobLiteral(bad)} AS same FROM quarantine.products WHERE _source = '${path}'`);
    expect(q).toEqual([{ _source_kind: 'mongo', _row: 2n, _line: null, _byte_offset: BigInt(docs[0].length), _stage: 'ingest', same: true }]);
  });

  it('keeps a date beyond what a JS Date holds as exact Extended JSON text, and says why', async () => {
    // bson can only serialise a JS Date, so write an int64 and turn its type byte into datetime (0x09).
    const doc = (ms: Long | Date): Uint8Array => {
      const bytes = serialize({ n: new Int32(1), at: ms } as Document);
      if (ms instanceof Long) bytes[bytes.indexOf(0x12, 11)] = 0x09;
      return bytes;
    };
    const path = 'dates/far.bson';
    const loaded = await loadBson(engine, { path, bytes: concat(doc(new Date(-62135596800000)), doc(Long.MAX_VALUE), doc(Long.fromString('-8640000000000001'))) }, ctx());
    expect(loaded.rows).toBe(3);
    expect(loaded.typeDecisions?.find((d) => d.field === 'at')).toMatchObject({
      columnType: 'VARCHAR',
      typesSeen: [{ type: 'date', count: 1 }, { type: 'dateOutOfRange', count: 2 }],
      reason: expect.stringMatching(/^2 date\(s\) outside what a JavaScript Date holds/),
    });
    expect(await rows(engine, 'SELECT "at" FROM bronze.far ORDER BY _row')).toEqual([
      { at: '{"$date":{"$numberLong":"-62135596800000"}}' },
      { at: '{"$date":{"$numberLong":"9223372036854775807"}}' },
      { at: '{"$date":{"$numberLong":"-8640000000000001"}}' },
    ]);
  });
});

/** Offsets of the documents of a well-formed BSON file. */
function docOffsets(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length; at += view.getInt32(at, true)) offsets.push(at);
  offsets.push(bytes.length);
  return offsets;
}

function blobLiteral(bytes: Uint8Array): string {
  return `'${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')}'::BLOB`;
}
