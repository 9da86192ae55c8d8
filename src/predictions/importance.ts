/**
 * Permutation importance on the test rows: how much worse the model gets when one feature's
 * columns are shuffled across rows (all one-hot columns of a feature move together).
 * Reported as the loss increase; features sorted most important first.
 */
import type { Matrix } from './encode';
import { predict, type ModelJson } from './learner';
import { permutation } from './random';

export interface FeatureImportance {
  feature: string;
  importance: number;
}

/** `loss`: lower is better (for AUC pass 1 - AUC). */
export function permutationImportance(
  model: ModelJson,
  x: Matrix,
  y: Float32Array,
  loss: (pred: Float32Array, y: Float32Array) => number,
  seed: number,
): FeatureImportance[] {
  const base = loss(predict(model, x), y);
  const features = [...new Set(x.featureOf)];
  const order = permutation(x.rows, seed);
  return features
    .map((feature) => {
      const cols = x.featureOf.flatMap((f, c) => (f === feature ? [c] : []));
      const data = x.data.slice();
      for (let r = 0; r < x.rows; r++) for (const c of cols) data[r * x.cols + c] = x.data[order[r]! * x.cols + c]!;
      return { feature, importance: loss(predict(model, { ...x, data }), y) - base };
    })
    .sort((a, b) => b.importance - a.importance);
}
