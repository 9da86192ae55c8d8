import { describe, expect, it } from 'vitest';
import { makeVector } from 'apache-arrow';
import { appendMicrosFromMillis, BytesWriter, DecimalWriter, Int32Writer, Int64Writer, ListWriter, StructWriter, timestampWriter } from './arrowBuilders';
import { Utf8 } from 'apache-arrow';
import { ObjectId } from 'bson';

describe('arrow writers', () => {
  it('turns milliseconds into exact microseconds over the whole JS Date range', () => {
    const samples = [0, 1, -1, 1356351330501, -62135593139000, 253402300800000, 8.64e15, -8.64e15, 8639999999999999, -8639999999999999, 2 ** 32, -(2 ** 32), 4294967295999];
    const w = timestampWriter();
    for (const ms of samples) appendMicrosFromMillis(w, ms);
    const values = [...(makeVector(w.finish()).data[0].values as BigInt64Array)];
    expect(values).toEqual(samples.map((ms) => BigInt(ms) * 1000n));
  });

  it('writes 64-bit halves, nulls, and grows past the first allocation', () => {
    const w = new Int64Writer();
    for (let i = 0; i < 3000; i++) {
      if (i % 7 === 0) w.appendNull();
      else w.appendHalves(i, i % 2 ? -1 : 0);
    }
    const v = makeVector(w.finish());
    expect(v.nullCount).toBe(429);
    expect(v.get(0)).toBeNull();
    expect(v.get(1)).toBe(BigInt.asIntN(64, (0xffffffffn << 32n) | 1n));
    expect(v.get(2998)).toBe(2998n);
  });

  it('writes bytes as the lower-case hex text of toHexString, among other strings', () => {
    const s = new BytesWriter(new Utf8());
    const ids = ['000000000000000000000000', 'ffffffffffffffffffffffff', '0123456789abcdef01234567', '5f1d7a9be4b0c0a1b2c3d4e5'].map((h) => new ObjectId(h));
    for (let i = 0; i < 2000; i++) {
      s.appendHex(ids[i % 4].id);
      s.appendString('x');
    }
    const v = makeVector(s.finish());
    expect(v.length).toBe(4000);
    for (let i = 0; i < 4000; i += 2) expect(v.get(i)).toBe(ids[(i / 2) % 4].toHexString());
    expect(v.get(3999)).toBe('x');
  });

  it('writes strings with NUL and non-ASCII characters, and lists of structs', () => {
    const s = new BytesWriter(new Utf8());
    for (const x of ['a\u0000b', 'zé€😀', '']) s.appendString(x);
    s.appendNull();
    expect(makeVector(s.finish()).toArray()).toEqual(['a\u0000b', 'zé€😀', '', null]);

    const n = new Int32Writer();
    const list = new ListWriter(new StructWriter(['n'], [n]));
    const struct = list.child as StructWriter;
    n.append(1);
    struct.appendValid();
    struct.appendNull();
    list.appendValid();
    list.appendNull();
    list.appendValid();
    expect(makeVector(list.finish()).toJSON().map((x) => x && [...x].map((r) => r?.toJSON() ?? null))).toEqual([[{ n: 1 }, null], null, []]);
  });

  it('writes 128-bit decimals, negative ones as two’s complement', () => {
    const w = new DecimalWriter(2);
    w.appendUnscaled(-1n);
    w.appendUnscaled(10n ** 37n * 9n);
    const words = makeVector(w.finish()).data[0].values as Uint32Array;
    expect([...words.subarray(0, 4)]).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    const big = [...words.subarray(4, 8)].reduceRight((acc, x) => (acc << 32n) | BigInt(x), 0n);
    expect(big).toBe(10n ** 37n * 9n);
  });
});
