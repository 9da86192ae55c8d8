import { describe, expect, it } from 'vitest';
import type { Matrix } from './encode';
import { permutationImportance } from './importance';
import { trainModel, predict, TrainingCancelledError } from './learner';
import { mae, rocAuc } from './metrics';
import { seeded } from './random';

// Hand-made data with a known relationship: the learner must recover it.

function data(n: number, seed: number, label: (x: number[], noise: number) => number): { x: Matrix; y: Float32Array } {
  const rnd = seeded(seed);
  const cols = 3;
  const x = new Float32Array(n * cols);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1];
    x.set(row, i * cols);
    y[i] = label(row, rnd() - 0.5);
  }
  return { x: { data: x, rows: n, cols, featureOf: ['a', 'b', 'noise'] }, y };
}

const linear = (x: number[], e: number) => 5 + 3 * x[0]! - 2 * x[1]! + 0.2 * e;

describe('learner (TensorFlow.js dense network)', () => {
  it('recovers a linear relationship: near the noise level, and ranks the real features above the noise', async () => {
    const train = data(3000, 1, linear);
    const test = data(1000, 2, linear);
    const model = await trainModel(train.x, train.y, { kind: 'regression', hidden: 8, epochs: 30, batchSize: 64, learningRate: 0.02, seed: 7 });
    const pred = predict(model, test.x);
    // Noise alone gives MAE 0.05; predicting the mean would give ~1.5.
    expect(mae(pred, test.y)).toBeLessThan(0.25);
    const imp = permutationImportance(model, test.x, test.y, (p, y) => mae(p, y), 3);
    expect(imp.map((f) => f.feature)).toEqual(['a', 'b', 'noise']);
  });

  it('recovers a logistic relationship: AUC close to the true probabilities', async () => {
    const rnd = seeded(5);
    const logistic = (x: number[]) => (rnd() < 1 / (1 + Math.exp(-(4 * x[0]! - 1))) ? 1 : 0);
    const train = data(3000, 3, logistic);
    const test = data(2000, 4, logistic);
    const model = await trainModel(train.x, train.y, { kind: 'classification', hidden: 0, epochs: 20, batchSize: 64, learningRate: 0.05, seed: 7 });
    const p = predict(model, test.x);
    const oracle = Float32Array.from({ length: test.x.rows }, (_, i) => test.x.data[i * 3]!);
    expect(rocAuc(p, test.y)).toBeGreaterThan(rocAuc(oracle, test.y) - 0.02);
    expect(model.layers[0]!.kernel[0]!).toBeGreaterThan(1);
  });

  it('is reproducible with a fixed seed', async () => {
    const train = data(500, 1, linear);
    const o = { kind: 'regression' as const, hidden: 4, epochs: 2, batchSize: 64, learningRate: 0.02, seed: 3 };
    expect(await trainModel(train.x, train.y, o)).toEqual(await trainModel(train.x, train.y, o));
  });

  it('reports progress per epoch and stops when asked', async () => {
    const train = data(2000, 1, linear);
    const epochs: number[] = [];
    let batches = 0;
    const run = trainModel(train.x, train.y, { kind: 'regression', hidden: 4, epochs: 50, batchSize: 32, learningRate: 0.02, seed: 3 }, {
      onEpoch: (e) => epochs.push(e),
      shouldStop: () => ++batches > 100,
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(epochs.length).toBeLessThan(50);
    expect(epochs.length).toBeGreaterThan(0);
  });
});
