import { describe, expect, it } from 'vitest';
import { serialize } from 'bson';
import { bsonFrames, BsonFramingError } from './bsonFraming';
import { bsonDocumentItems } from './bsonDocumentItems';

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};
const a = serialize({ a: 1 });
const b = serialize({ b: 'two' });

function framingError(bytes: Uint8Array): { offsets: number[]; error: BsonFramingError } {
  const offsets: number[] = [];
  try {
    for (const f of bsonFrames(bytes)) offsets.push(f.offset);
  } catch (error) {
    if (error instanceof BsonFramingError) return { offsets, error };
    throw error;
  }
  throw new Error('expected a framing error');
}

describe('bsonFrames', () => {
  it('finds documents back to back by their length prefixes', () => {
    expect([...bsonFrames(concat(a, b, a))].map((f) => [f.offset, f.length])).toEqual([[0, a.length], [a.length, b.length], [a.length + b.length, a.length]]);
    expect([...bsonFrames(new Uint8Array())]).toEqual([]);
  });

  it('stops at a truncated document, naming its offset and the bytes not read', () => {
    const { offsets, error } = framingError(concat(a, b.subarray(0, b.length - 3)));
    expect(offsets).toEqual([0]);
    expect(error).toMatchObject({ byteOffset: a.length, unreadBytes: b.length - 3 });
    expect(error.detail).toBe(`a document of ${b.length} bytes starts here but only ${b.length - 3} byte(s) are left: the file is truncated`);
  });

  it('stops at a cut length prefix', () => {
    const { error } = framingError(concat(a, new Uint8Array([0x10, 0])));
    expect(error).toMatchObject({ byteOffset: a.length, unreadBytes: 2 });
    expect(error.detail).toMatch(/ends 2 byte\(s\) into a document's length prefix/);
  });

  it.each([
    [[4, 0, 0, 0, 0], 4],
    [[0xff, 0xff, 0xff, 0xff, 0], -1],
    [[0, 0, 0, 0x7f, 0], 0x7f000000],
  ])('stops at an impossible length prefix %j', (prefix, length) => {
    const { offsets, error } = framingError(concat(a, new Uint8Array(prefix), b));
    expect(offsets).toEqual([0]);
    expect(error.byteOffset).toBe(a.length);
    expect(error.detail).toBe(`invalid document length ${length} (a BSON document is 5 bytes to 16 MiB): the file is damaged or not BSON`);
  });
});

describe('bsonDocumentItems', () => {
  it('marks a document bson rejects as unreadable, with offset and hex bytes, and reads on', () => {
    const bad = Uint8Array.from(a);
    bad[4] = 0x42; // an element type bson does not know
    const items = [...bsonDocumentItems(concat(a, bad, b))];
    expect(items.map((i) => ('reason' in i ? `unreadable@${i.byteOffset}` : `doc@${i.byteOffset}`))).toEqual(['doc@0', `unreadable@${a.length}`, `doc@${2 * a.length}`]);
    expect(items[1]).toMatchObject({ row: 2, reason: expect.stringMatching(/^bson could not read this document \(12 bytes\): /), raw: '0C0000004261000100000000' });
  });
});
