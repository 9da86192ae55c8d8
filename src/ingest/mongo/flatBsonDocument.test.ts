import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { deserialize, Double, EJSON, Int32, Long, ObjectId, serialize } from 'bson';
import { bsonDocumentItems } from './bsonDocumentItems';
import type { Document } from './document';
import { FlatBsonReader } from './flatBsonDocument';

/**
 * The flat-document fast path against bson's deserialize (the options the loader uses):
 * for every document it either declines (undefined) or gives exactly what deserialize
 * gives — same keys in the same order, same classes, same values. It must decline every
 * document deserialize rejects, so that bson words the error.
 */
const OPTIONS = { promoteLongs: false, promoteValues: false, promoteBuffers: false, bsonRegExp: true, useBigInt64: false } as const;
const corpusDir = new URL('../../../../shared/data/bson-corpus/', import.meta.url);
const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

/** Values made comparable: class name and exact content (Invalid Date included). */
function exact(doc: Document): unknown[] {
  return Object.keys(doc).map((key) => {
    const v = doc[key];
    if (v instanceof Date) return [key, 'Date', String(v.getTime())];
    if (v instanceof Double) return [key, 'Double', Object.is(v.value, -0) ? '-0' : String(v.value)];
    if (v === null || typeof v !== 'object') return [key, typeof v, v];
    return [key, (v as { _bsontype: string })._bsontype, EJSON.stringify(v, { relaxed: false })];
  });
}

/** What the fast path made of `bytes`, checked against deserialize; 'declined' or 'read'. */
function check(bytes: Uint8Array, reader = new FlatBsonReader()): 'declined' | 'read' | 'rejected' {
  const fast = reader.read(bytes, 0);
  let slow: Document;
  try {
    // As the loader calls it: the document at an index of the file's bytes.
    slow = deserialize(bytes, { ...OPTIONS, index: 0, allowObjectSmallerThanBufferSize: true });
  } catch {
    expect(fast).toBeUndefined(); // bson rejects it: the fast path must not read it
    return 'rejected';
  }
  if (fast === undefined) return 'declined';
  expect(exact(fast)).toEqual(exact(slow));
  expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
  return 'read';
}

describe('FlatBsonReader', () => {
  it('reads flat documents of every type it takes exactly as deserialize, names reused or not', () => {
    const docs: Document[] = [
      { _id: new ObjectId('56e1fc72e0c917e9c4714161'), s: 'plain', n: new Int32(-7), d: new Double(5), l: Long.fromString('9223372036854775807'), b: true, f: false, z: null, t: new Date(-1) },
      { _id: new ObjectId('000000000000000000000000'), s: 'zé 😀 \u0000 nul inside', n: new Int32(2147483647), d: new Double(-0), l: Long.fromString('-9007199254740993'), b: false, z: null, t: new Date(8.64e15) },
      { s: '', d: new Double(NaN), e: new Double(Infinity), m: new Double(-Infinity), x: new Double(1e-320), n: new Int32(-2147483648) },
      { 'a.b': 'dots', ' space': 's', 'ключ': 'utf-8 name', ['a'.repeat(40)]: 'long name', '': 'empty name' },
    ];
    const reader = new FlatBsonReader();
    for (const doc of [...docs, ...docs]) expect(check(serialize(doc), reader)).toBe('read');
  });

  it('reads dates beyond what a JS Date holds as deserialize does (Invalid Date), for repairDates', () => {
    const bytes = serialize({ t: new Date(0) });
    bytes.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 7); // int64 max milliseconds
    expect(check(bytes)).toBe('read');
    expect(Number.isNaN((new FlatBsonReader().read(bytes, 0)!.t as Date).getTime())).toBe(true);
  });

  it.each([
    ['an embedded document', { d: { a: 1 } }],
    ['an array', { a: [1] }],
    ['a DBRef shape', { $ref: 'c', $id: 1 }],
    ['a $ name', { $x: 1 }],
  ])('declines %s (bson reads it)', (_name, doc) => {
    expect(check(serialize(doc))).toBe('declined');
  });

  it('declines __proto__ as a name (bson defines it as an own field)', () => {
    const doc = JSON.parse('{"__proto__":"x","a":"y"}') as Document;
    expect(Object.keys(doc)).toEqual(['__proto__', 'a']);
    expect(check(serialize(doc))).toBe('declined');
  });

  it('never reads what bson rejects: bad boolean, invalid UTF-8, bad string sizes, cut documents', () => {
    const base = serialize({ b: true, s: 'abc' }); // 14 00 00 00 | 08 62 00 01 | 02 73 00 04 00 00 00 61 62 63 00 | 00
    const variant = (at: number, byte: number) => Uint8Array.from(base, (b, i) => (i === at ? byte : b));
    expect(check(base)).toBe('read');
    const bad = [
      variant(7, 2), // boolean 2
      variant(15, 0xff), // invalid UTF-8 in the string
      variant(16, 0x80), // a lone continuation byte
      variant(15, 0x00), // fine: NUL inside a string is allowed (outcomes[3])
      variant(18, 0x41), // string not NUL-terminated
      variant(11, 0x05), // string size past its end
      variant(11, 0x00), // string size 0
      variant(11, 0xff), // string size past the document
      variant(0, 0x15), // document length past the bytes
      variant(0, 0x13), // document length one short
      variant(19, 0x01), // document not NUL-terminated
      variant(8, 0x7f), // unknown element type
      base.subarray(0, 19), // cut
    ];
    const outcomes = bad.map((b) => check(b));
    expect(outcomes[3]).toBe('read');
    expect(outcomes.filter((o) => o === 'read')).toHaveLength(1);
  });

  it('keeps invalid UTF-8 in a name as deserialize does (replacement characters)', () => {
    const bytes = serialize({ ab: 'x' });
    bytes[5] = 0xff;
    expect(check(bytes)).toBe('read');
  });

  it.runIf(existsSync(corpusDir))('agrees with deserialize on every BSON corpus document, valid or not', () => {
    const outcomes = { read: 0, declined: 0, rejected: 0 };
    for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.json'))) {
      const corpus = JSON.parse(readFileSync(new URL(file, corpusDir), 'utf8')) as {
        valid?: Array<{ canonical_bson: string; degenerate_bson?: string }>;
        decodeErrors?: Array<{ bson: string }>;
      };
      const cases = [...(corpus.valid ?? []).flatMap((v) => [v.canonical_bson, v.degenerate_bson ?? v.canonical_bson]), ...(corpus.decodeErrors ?? []).map((e) => e.bson)];
      const reader = new FlatBsonReader();
      for (const c of cases) outcomes[check(hex(c), reader)]++;
    }
    // Enough of each for the comparison to mean something (counts of the corpus as stored).
    expect(outcomes).toEqual({ read: 85, declined: expect.any(Number), rejected: expect.any(Number) });
    expect(outcomes.rejected).toBeGreaterThan(50);
  });

  /** ~2.5 MB of flat documents: strings of every length up to 700 bytes (short and long ones), some not ASCII. */
  function flatFile() {
    const docs = Array.from({ length: 12_000 }, (_, i) => ({
      _id: new ObjectId(i.toString(16).padStart(24, '0')),
      i: new Int32(i),
      name: `n${i}-`.padEnd((i * 37) % 700, i % 11 === 0 ? 'é' : 'x'),
      ...(i % 7 === 0 && { late: new Double(i / 2) }),
    }));
    const parts = docs.map((d) => serialize(d));
    const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (file.set(p, at), at + p.length), 0);
    return { file, expected: parts.map((p) => exact(deserialize(p, OPTIONS))) };
  }

  it('is what a .bson file of flat documents loads through, the same documents as deserialize', () => {
    const { file, expected } = flatFile();
    const items = [...bsonDocumentItems(file)];
    expect(items.map((item) => ('doc' in item ? exact(item.doc) : item))).toEqual(expected);
  });
});
