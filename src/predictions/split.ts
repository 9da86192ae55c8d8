/**
 * Time-based splits: train on the past, test on the later period, never random rows across
 * time (a random split would let a model learn from deliveries that happened after the
 * orders it is tested on).
 */
const DAY = 86400_000;

export const startOfDayUtc = (ms: number) => Math.floor(ms / DAY) * DAY;

/**
 * ETA: orders purchased before `split` whose delivery was known before it are the training
 * set; orders purchased from `split` on are the test set. `split` is the purchase time that
 * leaves `testShare` of the labelled orders after it.
 */
export function etaSplit(purchases: readonly number[], testShare = 0.2): number {
  const sorted = purchases.slice().sort((a, b) => a - b);
  return startOfDayUtc(sorted[Math.floor(sorted.length * (1 - testShare))] ?? 0);
}

export interface ChurnCutoffs {
  /** Cutoffs whose whole label window ends on or before the test cutoff. */
  train: number[];
  /** The latest cutoff whose label window lies inside the data. */
  test: number;
  /** The scoring cutoff: the day after the last purchase (RFM's reference date). */
  score: number;
}

/**
 * Churn: the test cutoff is the last one whose `horizonDays` window is fully observed; the
 * training cutoffs end their windows by the test cutoff, every `stepDays` back, as long as
 * there are `minHistoryDays` of purchases before them.
 */
export function churnCutoffs(first: number, last: number, horizonDays: number, stepDays = 45, count = 4, minHistoryDays = 90): ChurnCutoffs {
  const score = startOfDayUtc(last) + DAY;
  const test = startOfDayUtc(last - horizonDays * DAY);
  const train: number[] = [];
  for (let k = 0; k < count; k++) {
    const c = test - (horizonDays + k * stepDays) * DAY;
    if (c - first >= minHistoryDays * DAY) train.push(c);
  }
  return { train: train.reverse(), test, score };
}
