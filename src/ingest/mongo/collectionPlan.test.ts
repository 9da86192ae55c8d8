import { describe, expect, it } from 'vitest';
import { EJSON } from 'bson';
import { planCollection } from './collectionPlan';
import { MAX_STRUCT_FIELDS } from './columnPlan';
import { columnNames } from './columnNames';
import { CollectionProfile } from './fieldProfile';

/** Plans a collection from canonical/relaxed Extended JSON documents. */
function plan(...docs: string[]) {
  const profile = new CollectionProfile();
  for (const d of docs) profile.add(EJSON.parse(d, { relaxed: false }));
  return planCollection(profile);
}
const typeOf = (p: ReturnType<typeof plan>, field: string) => p.typeDecisions.find((d) => d.field === field)!;

describe('planCollection: one type per field', () => {
  it.each([
    ['{"v":{"$numberInt":"1"}}', 'INTEGER'],
    ['{"v":{"$numberLong":"1"}}', 'BIGINT'],
    ['{"v":{"$numberDouble":"1.0"}}', 'DOUBLE'],
    ['{"v":true}', 'BOOLEAN'],
    ['{"v":"s"}', 'VARCHAR'],
    ['{"v":{"$oid":"56e1fc72e0c917e9c4714161"}}', 'VARCHAR'],
    ['{"v":{"$date":{"$numberLong":"-1"}}}', 'TIMESTAMP'],
    ['{"v":{"$numberDecimal":"12.345"}}', 'DECIMAL(38,3)'],
    ['{"v":{"$numberDecimal":"NaN"}}', 'VARCHAR'],
    ['{"v":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}}}', 'BLOB'],
    ['{"v":{"$timestamp":{"t":1,"i":2}}}', 'STRUCT(t UINTEGER, i UINTEGER)'],
    ['{"v":{"$regularExpression":{"pattern":"a","options":"i"}}}', 'VARCHAR'],
    ['{"v":{"$minKey":1}}', 'VARCHAR'],
    ['{"v":{"$code":"f()"}}', 'VARCHAR'],
    ['{"v":{"$code":"f()","$scope":{"x":1}}}', 'VARCHAR'],
    ['{"v":{"$symbol":"s"}}', 'VARCHAR'],
    ['{"v":{"a":1,"b.c":"x"}}', 'STRUCT("a" INTEGER, "b.c" VARCHAR)'],
    ['{"v":[1,2]}', 'INTEGER[]'],
    ['{"v":[[1],[2,3]]}', 'INTEGER[][]'],
    ['{"v":[{"a":1},{"a":2,"b":true}]}', 'STRUCT("a" INTEGER, "b" BOOLEAN)[]'],
    ['{"v":[]}', 'VARCHAR[]'],
    ['{"v":null}', 'VARCHAR'],
  ])('%s → %s', (doc, type) => {
    expect(typeOf(plan(doc), 'v').columnType).toBe(type);
  });
});

describe('planCollection: fields whose type varies', () => {
  it('widens int32 + int64 to BIGINT', () => {
    const p = plan('{"v":1}', '{"v":{"$numberLong":"9223372036854775807"}}', '{"v":null}');
    expect(typeOf(p, 'v')).toEqual({
      field: 'v',
      column: 'v',
      typesSeen: [{ type: 'int32', count: 1 }, { type: 'int64', count: 1 }, { type: 'null', count: 1 }],
      columnType: 'BIGINT',
      reason: 'int32 and int64 values: BIGINT holds both exactly',
    });
  });

  it('widens int32 + double to DOUBLE, and int64 + double only when every int64 is exact as a double', () => {
    expect(typeOf(plan('{"v":1}', '{"v":2.5}'), 'v').columnType).toBe('DOUBLE');
    expect(typeOf(plan('{"v":{"$numberLong":"9007199254740992"}}', '{"v":2.5}'), 'v').columnType).toBe('DOUBLE');
    const inexact = typeOf(plan('{"v":{"$numberLong":"9007199254740993"}}', '{"v":2.5}'), 'v');
    expect(inexact.columnType).toBe('VARCHAR');
    expect(inexact.reason).toMatch(/1 int64 value\(s\) are not exactly representable as a DOUBLE: kept as Extended JSON text/);
  });

  it('keeps anything mixed with a string as JSON text', () => {
    const d = typeOf(plan('{"v":"01037"}', '{"v":1037}'), 'v');
    expect(d.columnType).toBe('VARCHAR');
    expect(d.reason).toBe('values of different types (string, int32): kept as Extended JSON text so that no value changes');
  });

  it('keeps mixed binary subtypes as JSON text, so no value loses its subtype', () => {
    const d = typeOf(plan('{"v":{"$binary":{"base64":"AQI=","subType":"00"}}}', '{"v":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}}}'), 'v');
    expect(d.columnType).toBe('VARCHAR');
    expect(d.reason).toMatch(/subtypes 0x00, 0x04 \(UUID\)/);
  });

  it('fits integers and decimals into one DECIMAL when the digits allow', () => {
    expect(typeOf(plan('{"v":{"$numberDecimal":"1.25"}}', '{"v":3}'), 'v').columnType).toBe('DECIMAL(38,2)');
    expect(typeOf(plan('{"v":{"$numberDecimal":"1E-30"}}', '{"v":3}'), 'v').columnType).toBe('VARCHAR');
  });

  it('reports nested decisions with their path, and keeps the struct', () => {
    const p = plan('{"dims":{"h":1,"w":"x"}}', '{"dims":{"h":{"$numberLong":"5"},"w":2}}');
    expect(typeOf(p, 'dims').columnType).toBe('STRUCT("h" BIGINT, "w" VARCHAR)');
    expect(typeOf(p, 'dims.h')).toMatchObject({ column: 'dims', columnType: 'BIGINT' });
    expect(typeOf(p, 'dims.w')).toMatchObject({ column: 'dims', columnType: 'VARCHAR', reason: expect.stringMatching(/different types/) });
  });

  it('keeps arrays whose elements disagree as JSON text, whole', () => {
    const p = plan('{"tags":[1,"a"]}');
    expect(typeOf(p, 'tags')).toMatchObject({ columnType: 'VARCHAR', reason: expect.stringMatching(/whole arrays kept as Extended JSON text/) });
    expect(typeOf(p, 'tags[]')).toMatchObject({ columnType: 'VARCHAR' });
  });

  it('keeps documents a STRUCT cannot hold as JSON text: empty, empty key, keys differing in case, maps', () => {
    expect(typeOf(plan('{"v":{}}'), 'v').reason).toMatch(/only empty documents/);
    expect(typeOf(plan('{"v":{"":1}}'), 'v').reason).toMatch(/empty key/);
    expect(typeOf(plan('{"v":{"a":1}}', '{"v":{"A":1}}'), 'v').reason).toMatch(/"a" and "A" differ only in case/);
    const map = Object.fromEntries(Array.from({ length: MAX_STRUCT_FIELDS + 1 }, (_, i) => [`k${i}`, i]));
    expect(typeOf(plan(JSON.stringify({ v: map })), 'v').reason).toMatch(/are maps, not records/);
  });

  it('counts missing and null separately per field', () => {
    const p = plan('{"a":1,"b":null}', '{"a":null}', '{"a":2,"b":3}', '{}');
    expect(p.fieldStats).toEqual([
      { field: 'a', column: 'a', present: 3, missing: 1, nulls: 1 },
      { field: 'b', column: 'b', present: 2, missing: 2, nulls: 1 },
    ]);
  });

  it('changes its signature when a later document changes a type or adds a field', () => {
    const a = plan('{"a":1}');
    expect(plan('{"a":1}', '{"a":2}').signature).toBe(a.signature);
    expect(plan('{"a":1}', '{"a":"x"}').signature).not.toBe(a.signature);
    expect(plan('{"a":1}', '{"b":1}').signature).not.toBe(a.signature);
    expect(plan('{"a":{"x":1}}').signature).not.toBe(plan('{"a":{"x":1,"y":1}}').signature);
  });
});

describe('columnNames', () => {
  it('keeps names as written, renaming only what DuckDB cannot hold', () => {
    expect(columnNames(['_id', 'a.b', '$c', 'Name', 'name', '', '_row', 'NAME'])).toEqual(['_id', 'a.b', '$c', 'Name', 'name_2', 'column_6', '_row_2', 'NAME_3']);
  });
});
