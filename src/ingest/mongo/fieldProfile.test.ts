import { describe, expect, it } from 'vitest';
import { EJSON } from 'bson';
import { CollectionProfile, type FieldProfile } from './fieldProfile';

const profileOf = (...docs: string[]) => {
  const profile = new CollectionProfile();
  for (const d of docs) profile.add(EJSON.parse(d, { relaxed: false }));
  return profile;
};
const summary = (p: FieldProfile) => ({ present: p.present, nulls: p.nulls, kinds: [...p.kinds] });

describe('CollectionProfile', () => {
  it('counts every value whatever the key order and however types alternate (first appearance order kept)', () => {
    const p = profileOf(
      '{"a":1,"b":"x"}',
      '{"b":"y","a":2}',
      '{"a":"s"}',
      '{"a":3,"c":null}',
      '{"c":1,"a":4,"b":"z"}',
      '{"a":"t","b":"w","c":{"$numberLong":"5"}}',
    );
    expect(p.documents).toBe(6);
    expect([...p.fields.keys()]).toEqual(['a', 'b', 'c']);
    expect(summary(p.fields.get('a')!)).toEqual({ present: 6, nulls: 0, kinds: [['int32', 4], ['string', 2]] });
    expect(summary(p.fields.get('b')!)).toEqual({ present: 4, nulls: 0, kinds: [['string', 4]] });
    expect(summary(p.fields.get('c')!)).toEqual({ present: 3, nulls: 1, kinds: [['null', 1], ['int32', 1], ['int64', 1]] });
  });

  it('reads counts in the middle of a run and keeps counting after', () => {
    const profile = new CollectionProfile();
    const add = (d: string) => profile.add(EJSON.parse(d, { relaxed: false }));
    add('{"v":1}');
    add('{"v":2}');
    expect([...profile.fields.get('v')!.kinds]).toEqual([['int32', 2]]);
    add('{"v":3}');
    add('{"v":{"$numberDouble":"1.5"}}');
    add('{"v":4}');
    expect([...profile.fields.get('v')!.kinds]).toEqual([['int32', 4], ['double', 1]]);
  });

  it('profiles embedded documents and array elements with the same counts', () => {
    const p = profileOf('{"d":{"x":1,"y":[1,"a"]}}', '{"d":{"y":[2],"x":"s"}}', '{"d":{"x":2}}');
    const d = p.fields.get('d')!;
    expect(summary(d)).toEqual({ present: 3, nulls: 0, kinds: [['document', 3]] });
    expect(summary(d.fields!.get('x')!)).toEqual({ present: 3, nulls: 0, kinds: [['int32', 2], ['string', 1]] });
    const y = d.fields!.get('y')!;
    expect(summary(y)).toEqual({ present: 2, nulls: 0, kinds: [['array', 2]] });
    expect(summary(y.elements!)).toEqual({ present: 3, nulls: 0, kinds: [['int32', 2], ['string', 1]] });
  });
});
