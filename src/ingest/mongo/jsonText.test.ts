import { describe, expect, it } from 'vitest';
import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { jsonText } from './jsonText';
import { OutOfRangeDate } from './outOfRangeDate';

describe('jsonText', () => {
  it('writes numbers so that their type and value survive', () => {
    expect(jsonText(new Int32(5))).toBe('5');
    expect(jsonText(new Double(5))).toBe('5.0');
    expect(jsonText(new Double(-0))).toBe('-0.0');
    expect(jsonText(new Double(0.1))).toBe('0.1');
    expect(jsonText(new Double(1e300))).toBe('1e+300');
    expect(jsonText(new Double(NaN))).toBe('{"$numberDouble":"NaN"}');
    expect(jsonText(new Double(-Infinity))).toBe('{"$numberDouble":"-Infinity"}');
    expect(jsonText(Long.fromString('9007199254740993'))).toBe('9007199254740993');
    expect(jsonText(Decimal128.fromString('1.50'))).toBe('{"$numberDecimal":"1.50"}');
  });

  it('writes dates in relaxed form, and out-of-range dates with their exact milliseconds', () => {
    expect(jsonText(new Date(Date.UTC(2018, 0, 2, 3, 4, 5, 6)))).toBe('{"$date":"2018-01-02T03:04:05.006Z"}');
    expect(jsonText(new Date(-1))).toBe('{"$date":{"$numberLong":"-1"}}');
    expect(jsonText(new OutOfRangeDate(9223372036854775807n))).toBe('{"$date":{"$numberLong":"9223372036854775807"}}');
    expect(jsonText(new OutOfRangeDate(undefined, 'not a date'))).toBe('{"$date":"not a date"}');
  });

  it('writes documents and arrays recursively, keys as written, other BSON types as bson does', () => {
    const doc = { 'a.b': [new Int32(1), null, 's"q'], $c: new ObjectId('56e1fc72e0c917e9c4714161'), b: new Binary(new Uint8Array([1, 2]), 0x80) };
    expect(jsonText(doc)).toBe('{"a.b":[1,null,"s\\"q"],"$c":{"$oid":"56e1fc72e0c917e9c4714161"},"b":{"$binary":{"base64":"AQI=","subType":"80"}}}');
  });
});
