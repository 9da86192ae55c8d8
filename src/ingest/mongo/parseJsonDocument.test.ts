import { describe, expect, it } from 'vitest';
import { Binary, Decimal128, Double, Int32, Long, Timestamp } from 'bson';
import { DocumentParseError, parseJsonDocument } from './parseJsonDocument';

describe('parseJsonDocument', () => {
  it('keeps canonical types typed (Int32, Long, Double, Decimal128)', () => {
    const doc = parseJsonDocument(
      '{"i":{"$numberInt":"7"},"l":{"$numberLong":"9223372036854775807"},"d":{"$numberDouble":"-0.0"},"n":{"$numberDouble":"NaN"},"m":{"$numberDecimal":"1.50"}}',
    );
    expect(doc.i).toEqual(new Int32(7));
    expect((doc.l as Long).toString()).toBe('9223372036854775807');
    expect(Object.is((doc.d as Double).value, -0)).toBe(true);
    expect(Number.isNaN((doc.n as Double).value)).toBe(true);
    expect((doc.m as Decimal128).toString()).toBe('1.50');
  });

  it('reads relaxed numbers: small integers as Int32, big ones exactly as Long, others as Double', () => {
    const doc = parseJsonDocument('{"a":1,"b":5000000000,"c":9007199254740993,"d":2.5,"e":-0.0}');
    expect(doc.a).toEqual(new Int32(1));
    expect((doc.b as Long).toString()).toBe('5000000000');
    expect((doc.c as Long).toString()).toBe('9007199254740993');
    expect((doc.d as Double).value).toBe(2.5);
    expect(Object.is((doc.e as Double).value, -0)).toBe(true);
  });

  it('reads the legacy (v1) forms bson rejects in strict mode', () => {
    const doc = parseJsonDocument('{"b":{"$binary":"AQID","$type":"80"},"d":{"$date":0},"e":{"$date":1356351330501},"z":-0.0}');
    expect((doc.b as Binary).sub_type).toBe(0x80);
    expect([...(doc.b as Binary).buffer.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect((doc.d as Date).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect((doc.e as Date).toISOString()).toBe('2012-12-24T12:15:30.501Z');
    // The rewrite for the legacy forms must not lose -0.0 elsewhere in the document.
    expect(Object.is((doc.z as Double).value, -0)).toBe(true);
  });

  it('reads the legacy forms bson accepts as they are ($regex, $undefined, $timestamp)', () => {
    const doc = parseJsonDocument('{"r":{"$regex":"^a/b","$options":"i"},"u":{"$undefined":true},"t":{"$timestamp":{"t":1,"i":2}}}');
    expect(doc.r).toMatchObject({ pattern: '^a/b', options: 'i' });
    expect(doc.u).toBeNull();
    expect(doc.t).toEqual(new Timestamp({ t: 1, i: 2 }));
  });

  it('keeps keys with dots and a leading $ that are not Extended JSON', () => {
    expect(Object.keys(parseJsonDocument('{"a.b":1,"$c":2,"":3}'))).toEqual(['a.b', '$c', '']);
  });

  it.each([
    ['{"a":', /^invalid JSON: /],
    ['{"a":{"$numberLong":"x"}}', /^invalid Extended JSON: /],
    ['[1,2]', /^not a document: the top level is an array/],
    ['{"$oid":"56e1fc72e0c917e9c4714161"}', /^not a document: the top level is a ObjectId value/],
    ['"x"', /^not a document: the top level is a string/],
  ])('refuses %j with a reason', (text, reason) => {
    expect(() => parseJsonDocument(text)).toThrow(DocumentParseError);
    expect(() => parseJsonDocument(text)).toThrow(reason);
  });
});
