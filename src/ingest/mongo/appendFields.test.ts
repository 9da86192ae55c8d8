import { describe, expect, it } from 'vitest';
import type { Data } from 'apache-arrow';
import { EJSON } from 'bson';
import { appendFields } from './appendFields';
import { columnWriter } from './columnWriter';
import { PlanMismatch } from './planMismatch';
import type { Document } from './document';

const KEYS = ['a', 'b', 'c'];
const doc = (json: string) => EJSON.parse(json, { relaxed: false }) as Document;

/** Three INTEGER columns a, b, c; returns what each column holds after the documents. */
function write(...docs: Document[]) {
  const writers = KEYS.map(() => columnWriter({ kind: 'int32' }));
  for (const d of docs) appendFields(d, KEYS, writers);
  return writers.map((w) => valuesOf(w.arrow.finish()));
}

const valuesOf = (data: Data) => Array.from({ length: data.length }, (_, i) => (data.getValid(i) ? (data.values as Int32Array)[i] : null));

describe('appendFields', () => {
  it('takes fields in the plan order, in another order, or missing anywhere', () => {
    const cols = write(doc('{"a":1,"b":2,"c":3}'), doc('{"c":6,"a":4,"b":5}'), doc('{"a":7,"c":9}'), doc('{"b":8}'), doc('{"a":10,"b":11}'), doc('{}'));
    expect(cols).toEqual([
      [1, 4, 7, null, 10, null],
      [2, 5, null, 8, 11, null],
      [3, 6, 9, null, null, null],
    ]);
  });

  it.each(['{"a":1,"b":2,"c":3,"d":4}', '{"a":1,"d":4,"b":2}', '{"d":4}', '{"b":2,"a":1,"x":null}'])('refuses a field the plan lacks: %s', (json) => {
    expect(() => write(doc(json))).toThrow(PlanMismatch);
  });

  it('keeps a field named __proto__ apart from the prototype', () => {
    const keys = ['__proto__', 'a'];
    const writers = keys.map(() => columnWriter({ kind: 'int32' }));
    const withProto = doc('{"__proto__":{"$numberInt":"5"},"a":1}');
    expect(Object.keys(withProto)).toEqual(['__proto__', 'a']);
    appendFields(withProto, keys, writers);
    appendFields(doc('{"a":2}'), keys, writers); // no __proto__ field: NULL, not Object.prototype
    expect(writers.map((w) => valuesOf(w.arrow.finish()))).toEqual([[5, null], [1, 2]]);
  });
});
