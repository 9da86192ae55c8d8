import { serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonDocumentItems } from './bsonDocumentItems';
import { jsonDocumentItems } from './jsonDocumentItems';
import { isTooDeep, MAX_NESTING } from './nestingDepth';

/** A document `levels` deep: the document is level 1, each embedded document or array one more. */
const nested = (levels: number, array = false): Record<string, unknown> => {
  let inner: unknown = 1;
  for (let i = 1; i < levels; i++) inner = array && i % 2 ? [inner] : { a: inner };
  return { _id: levels, x: inner };
};
const utf8 = (s: string) => new TextEncoder().encode(s);
const reasons = (items: Iterable<{ row: number } & ({ reason: string } | { doc: unknown })>) =>
  [...items].map((i) => ('reason' in i ? [i.row, i.reason] : [i.row, 'ok']));

describe('documents nested past MongoDB limit of 100 levels', () => {
  it('counts the document itself as level 1 and every embedded document or array as one more', () => {
    expect(MAX_NESTING).toBe(100);
    expect(isTooDeep(nested(100))).toBe(false); // x holds 99 levels: 100 with the document
    expect(isTooDeep(nested(101))).toBe(true);
    expect(isTooDeep(nested(100, true))).toBe(false);
    expect(isTooDeep(nested(101, true))).toBe(true);
    expect(isTooDeep(nested(100_000))).toBe(true); // no recursion: any depth is safe
  });

  it('quarantines a too-deep JSON document with its line and the limit, and reads the others (a few thousand levels too)', () => {
    const lines = [{ _id: 'a' }, nested(100), nested(101), nested(3000), { _id: 'b' }].map((d) => JSON.stringify(d));
    const items = [...jsonDocumentItems(utf8(lines.join('\n') + '\n'))];
    expect(reasons(items)).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, expect.stringMatching(/^nested more than 100 levels deep, MongoDB's own limit for a BSON document .* so it was not loaded\. Fix or remove this document/)],
      [4, expect.stringMatching(/^nested more than 100 levels deep/)],
      [5, 'ok'],
    ]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5]);
    // Extended JSON takes bson's path: the same limit there.
    const ejson = `{"_id": {"$numberLong": "1"}, "x": ${JSON.stringify(nested(200).x)}}\n`;
    expect(reasons(jsonDocumentItems(utf8(ejson)))).toEqual([[1, expect.stringMatching(/^nested more than 100 levels deep/)]]);
  });

  it('quarantines a too-deep BSON document with its byte offset, and reads the others', () => {
    const docs = [{ _id: 'a' }, nested(100), nested(150), nested(3000), { _id: 'b' }].map((d) => serialize(d));
    const bytes = new Uint8Array(docs.reduce((n, d) => n + d.length, 0));
    docs.reduce((at, d) => (bytes.set(d, at), at + d.length), 0);
    const items = [...bsonDocumentItems(bytes)];
    expect(reasons(items)).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, expect.stringMatching(/^this document \(\d+ bytes\) is nested more than 100 levels deep/)],
      [4, expect.stringMatching(/^this document \(\d+ bytes\) is nested more than 100 levels deep/)],
      [5, 'ok'],
    ]);
    expect(items[3]!.byteOffset).toBe(docs[0]!.length + docs[1]!.length + docs[2]!.length);
  });
});
