/**
 * Turns feature columns into the numeric matrix a learner takes: numbers standardised with
 * the training rows' mean and standard deviation (a missing value becomes the mean, i.e. 0),
 * booleans as 0/1, text as one-hot over the training rows' most frequent values (the rest
 * and unseen values share an "other" column). Fitted on training rows only; serialisable.
 */
import type { Columns } from './features';

export interface NumericSpec {
  name: string;
  mean: number;
  sd: number;
  /** log1p before standardising (money, weights: long right tails). */
  log: boolean;
}

export interface CategoricalSpec {
  name: string;
  values: string[];
}

export interface EncoderSpec {
  numeric: NumericSpec[];
  categorical: CategoricalSpec[];
}

export interface FeatureList {
  numeric: string[];
  /** Numeric columns to take the log of first. */
  logged?: string[];
  categorical: string[];
}

export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
  /** For each matrix column, the feature it comes from (for importance by feature). */
  featureOf: string[];
}

const asNumber = (v: unknown): number =>
  v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);

export function fitEncoder(cols: Columns, rows: readonly number[], features: FeatureList, maxLevels = 30): EncoderSpec {
  const numeric = features.numeric.map((name): NumericSpec => {
    const log = features.logged?.includes(name) ?? false;
    let n = 0, sum = 0, sq = 0;
    for (const r of rows) {
      let v = asNumber(cols[name]![r]);
      if (!Number.isFinite(v)) continue;
      if (log) v = Math.log1p(Math.max(0, v));
      n++;
      sum += v;
      sq += v * v;
    }
    const mean = n > 0 ? sum / n : 0;
    const sd = n > 1 ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 1;
    return { name, mean, sd: sd > 1e-9 ? sd : 1, log };
  });
  const categorical = features.categorical.map((name): CategoricalSpec => {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const v = String(cols[name]![r] ?? 'unknown');
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const values = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxLevels).map(([v]) => v);
    return { name, values };
  });
  return { numeric, categorical };
}

export function encode(spec: EncoderSpec, cols: Columns, rows: readonly number[]): Matrix {
  const featureOf: string[] = spec.numeric.map((s) => s.name);
  for (const c of spec.categorical) for (let k = 0; k <= c.values.length; k++) featureOf.push(c.name);
  const width = featureOf.length;
  const data = new Float32Array(rows.length * width);
  const index = spec.categorical.map((c) => new Map(c.values.map((v, i) => [v, i])));
  rows.forEach((r, i) => {
    const base = i * width;
    spec.numeric.forEach((s, j) => {
      let v = asNumber(cols[s.name]![r]);
      if (Number.isFinite(v) && s.log) v = Math.log1p(Math.max(0, v));
      data[base + j] = Number.isFinite(v) ? (v - s.mean) / s.sd : 0;
    });
    let offset = spec.numeric.length;
    spec.categorical.forEach((c, j) => {
      const k = index[j]!.get(String(cols[c.name]![r] ?? 'unknown')) ?? c.values.length;
      data[base + offset + k] = 1;
      offset += c.values.length + 1;
    });
  });
  return { data, rows: rows.length, cols: width, featureOf };
}
