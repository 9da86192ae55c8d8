import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { EJSON } from 'bson';
import { parseCommonExtendedJson } from './commonExtendedJson';

/** What bson's own strict parse gives, in canonical Extended JSON: types included. */
const viaBson = (text: string) => EJSON.stringify(EJSON.parse(text, { relaxed: false }), { relaxed: false });
const viaFastPath = (text: string) => {
  const doc = parseCommonExtendedJson(text);
  return doc === undefined ? undefined : EJSON.stringify(doc, { relaxed: false });
};

const exportDir = new URL('../../../fixtures/mongo/export/', import.meta.url);
const fixtureLines = ['relaxed', 'canonical', 'legacy', 'damaged'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, exportDir)).flatMap((file) =>
    readFileSync(new URL(`${dir}/${file}`, exportDir), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => ({ where: `${dir}/${file}`, line })),
  ),
);

const corpusDir = new URL('../../../../shared/data/bson-corpus/', import.meta.url);
const corpusTexts = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const valid = (JSON.parse(readFileSync(new URL(f, corpusDir), 'utf8')).valid ?? []) as { relaxed_extjson?: string; canonical_extjson: string }[];
        return valid.flatMap((v) => [v.canonical_extjson, v.relaxed_extjson].filter((t): t is string => t !== undefined));
      })
  : [];

describe('parseCommonExtendedJson', () => {
  it('gives exactly what EJSON.parse gives for every fixture document it takes', () => {
    let taken = 0;
    for (const { where, line } of fixtureLines) {
      let expected: string | undefined;
      try {
        expected = viaBson(line);
      } catch {
        expected = undefined;
      }
      const fast = viaFastPath(line);
      if (fast === undefined) continue;
      taken++;
      expect(fast, `${where}: ${line}`).toBe(expected);
    }
    // The relaxed products export is the shape mongoexport writes by default: it must take the fast path.
    const relaxedProducts = fixtureLines.filter((l) => l.where === 'relaxed/products.json');
    expect(relaxedProducts.length).toBeGreaterThan(0);
    for (const { line } of relaxedProducts) expect(viaFastPath(line), line).toBeDefined();
    expect(taken).toBeGreaterThanOrEqual(relaxedProducts.length);
  });

  it.runIf(corpusTexts.length > 0)('agrees with EJSON.parse on MongoDB BSON corpus documents it takes', () => {
    let taken = 0;
    for (const text of corpusTexts) {
      const fast = viaFastPath(text);
      if (fast === undefined) continue;
      taken++;
      expect(fast, text).toBe(viaBson(text));
    }
    expect(taken).toBeGreaterThan(20);
  });

  it.each([
    ['int32 bounds and beyond', '{"a":2147483647,"b":-2147483648,"c":2147483648,"d":-2147483649}'],
    ['small integers (shared) and the largest exact one', '{"a":0,"b":-1024,"c":64511,"d":64512,"e":-1025,"f":9007199254740991,"g":-9007199254740991}'],
    ['doubles: fraction, exponent, -0, 1.0', '{"a":2.5,"b":1e-7,"c":-0.0,"d":1.0,"e":1e400}'],
    ['nested documents and arrays', '{"a":{"b":[1,{"c":[2.5,{"$oid":"5f1d7a9be4b0c0a1b2c3d4e5"}]}],"d":{}},"e":[],"f":[[null,true]]}'],
    ['ObjectId and ISO dates', '{"_id":{"$oid":"5F1D7A9BE4B0C0A1B2C3D4E5"},"t":{"$date":"2017-10-02T10:56:04Z"},"u":{"$date":"1999-12-31T23:59:59.999Z"}}'],
    ['strings with NUL, quotes and emoji', '{"s":"a\\u0000b","q":"\\"x\\"","e":"😀","k.with.dots":1}'],
    ['several ObjectIds in one document, each its own', '{"a":{"$oid":"000000000000000000000000"},"b":[{"$oid":"ffffffffffffffffffffffff"},{"$oid":"0123456789abcdefABCDEF01"}],"c":{"d":{"$oid":"5f1d7a9be4b0c0a1b2c3d4e5"}}}'],
    ['a day that does not exist', '{"t":{"$date":"2017-02-30T00:00:00Z"}}'],
  ])('takes %s, with the same result as EJSON.parse', (_name, text) => {
    expect(viaFastPath(text)).toBe(viaBson(text));
  });

  it.each([
    ['a canonical number wrapper', '{"a":{"$numberLong":"5"}}'],
    ['a wrapper with a second key', '{"a":{"$oid":"5f1d7a9be4b0c0a1b2c3d4e5","x":1}}'],
    ['an ObjectId that is not 24 hex digits', '{"a":{"$oid":"xyz"}}'],
    ['an ObjectId with a digit that is not hex', '{"a":{"$oid":"5f1d7a9be4b0c0a1b2c3d4eg"}}'],
    ['an ObjectId of 23 digits and a space', '{"a":{"$oid":"5f1d7a9be4b0c0a1b2c3d4e "}}'],
    ['a date that is not ISO text', '{"a":{"$date":"Oct 2, 2017"}}'],
    ['a date before 1970 written as a number', '{"a":{"$date":{"$numberLong":"-1"}}}'],
    ['an integer JSON.parse may have rounded', '{"a":9007199254740993}'],
    ['an integer beyond int64 written as a number', '{"a":1e19}'],
    ['a top-level $ key', '{"$a":1}'],
    ['a nested $ key after a plain one', '{"a":{"b":1,"$c":2}}'],
    ['a key with NUL', '{"a\\u0000b":1}'],
    ['a __proto__ key', '{"__proto__":{"x":1}}'],
    ['invalid JSON', '{"a":'],
    ['a top-level array', '[{"a":1}]'],
    ['a top-level number', '5'],
  ])('leaves %s to bson', (_name, text) => {
    expect(parseCommonExtendedJson(text)).toBeUndefined();
  });
});
