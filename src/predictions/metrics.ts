/** Evaluation metrics of the two models and their baselines (the formulas, nothing learnt). */
type Values = ArrayLike<number>;

export function mae(pred: Values, y: Values): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(pred[i]! - y[i]!);
  return s / y.length;
}

export function rmse(pred: Values, y: Values): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

/** Share of rows whose prediction is within ±`days` of the actual value. */
export function withinShare(pred: Values, y: Values, days: number): number {
  let n = 0;
  for (let i = 0; i < y.length; i++) if (Math.abs(pred[i]! - y[i]!) <= days) n++;
  return n / y.length;
}

function byScoreDesc(score: Values): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
}

/** ROC AUC as the Mann–Whitney statistic (ties count half). */
export function rocAuc(score: Values, y: Values): number {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0, pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!] === 1) { rankSumPos += rank; pos++; }
    i = j + 1;
  }
  const neg = score.length - pos;
  return pos === 0 || neg === 0 ? NaN : (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface CurvePoint { x: number; y: number }

/** ROC curve (x = false positive rate, y = true positive rate), at most `points` points. */
export function rocCurve(score: Values, y: Values, points = 50): CurvePoint[] {
  const idx = byScoreDesc(score);
  const pos = Array.from(y).filter((v) => v === 1).length;
  const neg = y.length - pos;
  const out: CurvePoint[] = [{ x: 0, y: 0 }];
  let tp = 0, fp = 0;
  const step = Math.max(1, Math.floor(idx.length / points));
  idx.forEach((i, k) => {
    if (y[i] === 1) tp++; else fp++;
    if ((k + 1) % step === 0 || k === idx.length - 1) out.push({ x: fp / neg, y: tp / pos });
  });
  return out;
}

/** Precision–recall curve (x = recall, y = precision). */
export function prCurve(score: Values, y: Values, points = 50): CurvePoint[] {
  const idx = byScoreDesc(score);
  const pos = Array.from(y).filter((v) => v === 1).length;
  const out: CurvePoint[] = [];
  let tp = 0;
  const step = Math.max(1, Math.floor(idx.length / points));
  idx.forEach((i, k) => {
    if (y[i] === 1) tp++;
    if ((k + 1) % step === 0 || k === idx.length - 1) out.push({ x: tp / pos, y: tp / (k + 1) });
  });
  return out;
}

/** PR AUC as average precision: the mean precision at each positive, best scores first. */
export function averagePrecision(score: Values, y: Values): number {
  const idx = byScoreDesc(score);
  let tp = 0, sum = 0;
  idx.forEach((i, k) => {
    if (y[i] === 1) {
      tp++;
      sum += tp / (k + 1);
    }
  });
  return tp === 0 ? NaN : sum / tp;
}

export function brier(p: Values, y: Values): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / y.length;
}

export interface ReliabilityBin { predicted: number; observed: number; count: number }

/** Reliability curve: rows in `bins` equal-count bins by predicted probability. */
export function reliability(p: Values, y: Values, bins = 10): ReliabilityBin[] {
  const idx = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const part = idx.slice(Math.floor((b * idx.length) / bins), Math.floor(((b + 1) * idx.length) / bins));
    if (part.length === 0) continue;
    out.push({
      predicted: part.reduce((s, i) => s + p[i]!, 0) / part.length,
      observed: part.reduce((s, i) => s + y[i]!, 0) / part.length,
      count: part.length,
    });
  }
  return out;
}

/** Positive rate among the top 10 % of scores over the overall positive rate. */
export function topDecileLift(score: Values, y: Values): number {
  const idx = byScoreDesc(score);
  const top = idx.slice(0, Math.max(1, Math.floor(idx.length / 10)));
  const base = Array.from(y).reduce((a, b) => a + b, 0) / y.length;
  return top.reduce((s, i) => s + y[i]!, 0) / top.length / base;
}

export function quantile(values: Values, q: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}
