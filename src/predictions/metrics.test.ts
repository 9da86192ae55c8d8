import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, mae, quantile, reliability, rmse, rocAuc, topDecileLift, withinShare } from './metrics';

describe('evaluation metrics, worked by hand', () => {
  it('regression: MAE, RMSE, share within ±3', () => {
    const y = [10, 10, 10, 10];
    const p = [12, 6, 10, 13];
    expect(mae(p, y)).toBe((2 + 4 + 0 + 3) / 4);
    expect(rmse(p, y)).toBeCloseTo(Math.sqrt((4 + 16 + 0 + 9) / 4));
    expect(withinShare(p, y, 3)).toBe(0.75);
  });

  it('ROC AUC: 1 when ranked perfectly, 0 reversed, 0.5 for ties, pairs counted otherwise', () => {
    const y = [0, 0, 1, 1];
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], y)).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], y)).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], y)).toBe(0.5);
    // positives 0.3 and 0.9 vs negatives 0.1 and 0.5: 3 of 4 pairs right
    expect(rocAuc([0.1, 0.5, 0.3, 0.9], y)).toBe(0.75);
  });

  it('average precision, Brier, top-decile lift, reliability, quantile', () => {
    // ranked: 1 (P@1 = 1), 0, 1 (P@3 = 2/3)
    expect(averagePrecision([0.9, 0.8, 0.7], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2);
    expect(brier([1, 0, 0.5], [1, 1, 0])).toBeCloseTo((0 + 1 + 0.25) / 3);
    const score = Array.from({ length: 100 }, (_, i) => i);
    const y = score.map((s) => (s >= 90 ? 1 : s < 10 ? 1 : 0)); // 20 % positives, the top decile all positive
    expect(topDecileLift(score, y)).toBeCloseTo(5);
    const bins = reliability([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 0], 2);
    expect(bins).toEqual([{ predicted: 0.1, observed: 0, count: 2 }, { predicted: 0.9, observed: 0.5, count: 2 }]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
