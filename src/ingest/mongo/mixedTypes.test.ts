import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import type { LoadedSource } from '../loadedSource';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { loadBson } from './loadBson';
import { loadMongoJson } from './loadMongoJson';
import { columnTypes, ctx, fixture, rows } from './testing/mongoFixtures';

/**
 * The mixed_types collection (fixtures/mongo/documents.ts) in its three forms: the same
 * columns, the same decisions and the same values, exactly, on both engines.
 */
const FORMS = ['dump/shop/mixed_types.bson', 'export/canonical/mixed_types.json', 'export/relaxed/mixed_types.json'];

const COLUMN_TYPES = [
  '_id:VARCHAR', 'qty:BIGINT', 'price:DOUBLE', 'big:VARCHAR', 'zip:VARCHAR', 'note:VARCHAR', 'a.b:INTEGER', '$price:DOUBLE',
  'dims:STRUCT(h INTEGER, w DOUBLE)', 'tags:VARCHAR[]', 'history:STRUCT("at" TIMESTAMP, status VARCHAR, late BOOLEAN)[]',
  'when:TIMESTAMP', 'amount:DECIMAL(38,2)', 'score:DOUBLE', 'raw:BLOB', 'uuid:BLOB', 'ts:STRUCT(t UINTEGER, i UINTEGER)',
  'flag:BOOLEAN', 'pattern:VARCHAR', 'Name:VARCHAR', 'name_2:VARCHAR', '_row_2:INTEGER',
  '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP',
];

/** Each column as DuckDB writes it as text (exact for every type used), plus checks text hides. */
const VALUES_SQL = `SELECT _row, _id, qty::VARCHAR AS qty, price::VARCHAR AS price, signbit(price) AS price_neg, big, zip,
    hex(encode(note)) AS note_hex, "a.b", "$price", dims.h AS h, dims.w AS w, tags::VARCHAR AS tags, history::VARCHAR AS history,
    epoch_us("when")::VARCHAR AS when_us, "when"::VARCHAR AS "when", amount::VARCHAR AS amount, score::VARCHAR AS score, signbit(score) AS score_neg,
    hex(raw) AS raw, hex(uuid) AS uuid, ts.t AS t, ts.i AS i, flag, pattern, "Name", name_2, _row_2
  FROM bronze.mixed_types WHERE _source = $source ORDER BY _row`;

const EXPECTED = [
  {
    _row: 1n, _id: '5f000003a11ce0b000000000', qty: '1', price: '10.0', price_neg: false, big: '9007199254740993', zip: '"01037"',
    note_hex: '610062', 'a.b': 1, $price: 1.5, h: 10, w: 20, tags: '[x, y]', history: "[{'at': '2018-01-02 03:04:05.006', 'status': created, 'late': NULL}]",
    when_us: '-14182940000000', when: '1969-07-20 20:17:40', amount: '12.50', score: '1.5', score_neg: false,
    raw: '000102FF', uuid: '73FFD26444B34C6990E8E7D1DFC035D4', t: 1356351330, i: 1, flag: true, pattern: '/^a/b/i', Name: 'upper', name_2: 'lower', _row_2: 99,
  },
  {
    _row: 2n, _id: '5f000003a11ce0b000000001', qty: '-9223372036854775808', price: '10.5', price_neg: false, big: '0.5', zip: '1037',
    note_hex: null, 'a.b': null, $price: null, h: 11, w: 20.25, tags: '[]', history: '[]',
    when_us: '568971820800000000', when: '20000-01-01 00:00:00', amount: '0.01', score: 'nan', score_neg: false,
    raw: null, uuid: null, t: null, i: null, flag: false, pattern: null, Name: null, name_2: null, _row_2: null,
  },
  {
    _row: 3n, _id: '5f000003a11ce0b000000002', qty: '3', price: '-0.0', price_neg: true, big: '5', zip: null,
    note_hex: null, 'a.b': null, $price: null, h: null, w: null, tags: null,
    history: "[{'at': '1969-12-31 23:59:59.999', 'status': shipped, 'late': NULL}, {'at': '1970-01-01 00:00:00', 'status': delivered, 'late': true}]",
    when_us: '8640000000000000000', when: '275760-09-13 00:00:00', amount: '-3.00', score: 'inf', score_neg: false,
    raw: null, uuid: null, t: null, i: null, flag: null, pattern: null, Name: null, name_2: null, _row_2: null,
  },
  {
    _row: 4n, _id: '5f000003a11ce0b000000003', qty: '9223372036854775807', price: null, price_neg: null, big: null, zip: null,
    note_hex: null, 'a.b': null, $price: null, h: null, w: null, tags: null, history: null,
    when_us: null, when: null, amount: null, score: '-inf', score_neg: true,
    raw: null, uuid: null, t: null, i: null, flag: null, pattern: null, Name: null, name_2: null, _row_2: null,
  },
  {
    _row: 5n, _id: '5f000003a11ce0b000000004', qty: null, price: null, price_neg: null, big: null, zip: null,
    note_hex: '706C61696E', 'a.b': null, $price: null, h: null, w: null, tags: null, history: null,
    when_us: null, when: null, amount: null, score: '-0.0', score_neg: true,
    raw: null, uuid: null, t: null, i: null, flag: null, pattern: null, Name: null, name_2: null, _row_2: null,
  },
];

describe.each(testEngines)('a collection with mixed types on the %s engine', (_kind, open) => {
  let engine: Engine;
  const loaded = new Map<string, LoadedSource>();
  beforeAll(async () => {
    engine = await open();
    await ensureLayerSchemas(engine);
    for (const path of FORMS) {
      const load = path.endsWith('.bson') ? loadBson : loadMongoJson;
      loaded.set(path, await load(engine, fixture(path), ctx()));
    }
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('gets the same columns from every form, names kept or renamed where DuckDB needs it', async () => {
    expect(await columnTypes(engine, 'bronze', 'mixed_types')).toEqual(COLUMN_TYPES);
    for (const path of FORMS) {
      expect(loaded.get(path), path).toMatchObject({ source: 'mixed_types', recognised: false, rows: 5, quarantined: 0 });
      expect(loaded.get(path)!.columns).toEqual(COLUMN_TYPES.slice(0, -4).map((c) => c.slice(0, c.indexOf(':'))));
    }
  });

  it.each(FORMS)('loads exact values from %s', async (path) => {
    expect(await rows(engine, VALUES_SQL.replace('$source', `'${path}'`))).toEqual(EXPECTED);
  });

  it('records the decision for each field whose type varies', () => {
    const decisions = loaded.get(FORMS[0])!.typeDecisions!;
    const byField = Object.fromEntries(decisions.map((d) => [d.field, d]));
    expect(byField.qty).toEqual({
      field: 'qty', column: 'qty', typesSeen: [{ type: 'int32', count: 2 }, { type: 'int64', count: 2 }], columnType: 'BIGINT',
      reason: 'int32 and int64 values: BIGINT holds both exactly',
    });
    expect(byField.price).toMatchObject({ typesSeen: [{ type: 'int32', count: 1 }, { type: 'double', count: 2 }], columnType: 'DOUBLE' });
    expect(byField.big).toMatchObject({
      typesSeen: [{ type: 'int64', count: 2 }, { type: 'double', count: 1 }],
      columnType: 'VARCHAR',
      reason: 'int64 and double values, and 1 int64 value(s) are not exactly representable as a DOUBLE: kept as Extended JSON text so that no value changes',
    });
    expect(byField.zip).toMatchObject({ typesSeen: [{ type: 'string', count: 1 }, { type: 'int32', count: 1 }, { type: 'null', count: 1 }], columnType: 'VARCHAR' });
    expect(byField['dims.w']).toMatchObject({ column: 'dims', typesSeen: [{ type: 'int32', count: 1 }, { type: 'double', count: 1 }], columnType: 'DOUBLE' });
    expect(byField.amount).toMatchObject({ columnType: 'DECIMAL(38,2)' });
    expect(byField.name).toMatchObject({ column: 'name_2' });
    // Relaxed Extended JSON writes int64 5 as a plain 5, which reads as int32: same column, same text.
    expect(loaded.get(FORMS[2])!.typeDecisions!.find((d) => d.field === 'big')).toMatchObject({
      typesSeen: [{ type: 'int64', count: 1 }, { type: 'double', count: 1 }, { type: 'int32', count: 1 }],
      columnType: 'VARCHAR',
    });
  });

  it('counts missing and explicit null apart, per field', () => {
    for (const path of FORMS) {
      const stats = Object.fromEntries(loaded.get(path)!.fieldStats!.map((s) => [s.field, [s.present, s.missing, s.nulls]]));
      expect(stats, path).toMatchObject({ qty: [4, 1, 0], zip: [3, 2, 1], note: [3, 2, 1], dims: [3, 2, 1], when: [4, 1, 1], flag: [3, 2, 1], score: [5, 0, 0] });
    }
  });
});
