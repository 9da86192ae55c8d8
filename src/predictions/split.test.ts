import { describe, expect, it } from 'vitest';
import { churnCutoffs, etaSplit } from './split';

const DAY = 86400_000;

describe('time-based splits', () => {
  it('ETA: the split leaves the latest share of orders for the test, at a day boundary', () => {
    const purchases = Array.from({ length: 100 }, (_, i) => Date.UTC(2018, 0, 1) + i * DAY + 3600_000);
    const split = etaSplit(purchases, 0.2);
    expect(split % DAY).toBe(0);
    expect(purchases.filter((p) => p >= split)).toHaveLength(20);
  });

  it('churn: every training label window ends by the test cutoff, whose window ends at the data', () => {
    const first = Date.UTC(2016, 8, 4);
    const last = Date.UTC(2018, 9, 17, 17);
    const c = churnCutoffs(first, last, 180);
    expect(c.train.length).toBe(4);
    for (const t of c.train) expect(t + 180 * DAY).toBeLessThanOrEqual(c.test);
    expect(c.test + 180 * DAY).toBeLessThanOrEqual(last);
    expect(c.score).toBe(Date.UTC(2018, 9, 18));
    expect(c.train).toEqual(c.train.slice().sort((a, b) => a - b));
  });
});
