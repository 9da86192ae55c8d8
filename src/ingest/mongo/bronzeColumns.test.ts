import { describe, expect, it } from 'vitest';
import { makeVector } from 'apache-arrow';
import { constantText, constantTimestamp } from './bronzeColumns';

describe('bronze constant columns', () => {
  it.each([0, 1, 2, 3, 1000, 50_001])('repeats a text in each of %i rows', (rows) => {
    for (const value of ['', 'dump/shop/products.bson', 'zé/😀.json']) {
      const v = makeVector(constantText(value, rows));
      expect(v.length).toBe(rows);
      expect(v.nullCount).toBe(0);
      expect([...v].filter((x) => x !== value)).toEqual([]);
    }
  });

  it('repeats a timestamp', () => {
    const v = makeVector(constantTimestamp(1_700_000_000_123_456n, 3));
    expect([...(v.data[0].values as BigInt64Array)]).toEqual([1_700_000_000_123_456n, 1_700_000_000_123_456n, 1_700_000_000_123_456n]);
  });
});
