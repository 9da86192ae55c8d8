/**
 * The learner: a small feed-forward network from TensorFlow.js (tfjs-layers on the pure
 * JavaScript CPU backend, so it runs the same in a Web Worker, in Node and in tests, with no
 * WebGL and no extra .wasm to serve). One hidden ReLU layer lets it combine features (e.g.
 * distance × route); `hidden: 0` is a plain linear / logistic regression.
 *
 * Reproducible: weights start from seeded initialisers and the rows are shuffled once with
 * a seeded permutation (tf's own shuffle uses Math.random, so it is off). Progress is
 * reported after each epoch; `shouldStop` is checked after every batch, and a stopped
 * training rejects with TrainingCancelledError.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Matrix } from './encode';
import { permutation } from './random';

export type TaskKind = 'regression' | 'classification';

export interface LearnerOptions {
  kind: TaskKind;
  hidden: number;
  /** At least this many epochs; more on small data, until `minSteps` batches have been seen (at most 60). */
  epochs: number;
  minSteps?: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Regression loss: absolute error fits the median and shrugs off the long tail of late parcels. */
  loss?: 'meanAbsoluteError' | 'meanSquaredError';
}

export interface TrainHooks {
  onEpoch?: (epoch: number, epochs: number, loss: number) => void;
  shouldStop?: () => boolean;
}

export class TrainingCancelledError extends Error {
  constructor() {
    super('Training was cancelled');
    this.name = 'TrainingCancelledError';
  }
}

/** The trained weights as plain JSON: what the model card and the lakehouse zip carry. */
export interface ModelJson {
  format: 'pocket-lakehouse/dense-v1';
  kind: TaskKind;
  inputs: number;
  /** How it was fitted: epochs run and rows per batch (more epochs on small data, see `minSteps`). */
  training?: { epochs: number; batchSize: number };
  /** Per layer: kernel (row-major, inputs × units), bias, activation. */
  layers: { units: number; kernel: number[]; bias: number[]; activation: 'relu' | 'linear' | 'sigmoid' }[];
}

let ready: Promise<void> | undefined;
const backend = () => (ready ??= tf.setBackend('cpu').then(() => undefined));

function build(inputs: number, o: LearnerOptions): tfl.Sequential {
  const out = o.kind === 'classification' ? 'sigmoid' : 'linear';
  const layers: tfl.layers.Layer[] = [];
  if (o.hidden > 0) {
    layers.push(tfl.layers.dense({ inputShape: [inputs], units: o.hidden, activation: 'relu', kernelInitializer: tfl.initializers.heNormal({ seed: o.seed }) }));
  }
  layers.push(
    tfl.layers.dense({
      ...(o.hidden > 0 ? {} : { inputShape: [inputs] }),
      units: 1,
      activation: out,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: o.seed + 1 }),
    }),
  );
  return tfl.sequential({ layers });
}

export async function trainModel(x: Matrix, y: Float32Array, o: LearnerOptions, hooks: TrainHooks = {}): Promise<ModelJson> {
  await backend();
  const order = permutation(x.rows, o.seed);
  const xs = new Float32Array(x.data.length);
  const ys = new Float32Array(y.length);
  order.forEach((r, i) => {
    xs.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols);
    ys[i] = y[r]!;
  });
  const model = build(x.cols, o);
  model.compile({
    optimizer: tf.train.adam(o.learningRate),
    loss: o.kind === 'classification' ? 'binaryCrossentropy' : (o.loss ?? 'meanAbsoluteError'),
  });
  const epochs = Math.min(60, Math.max(o.epochs, Math.ceil((o.minSteps ?? 0) / Math.ceil(x.rows / o.batchSize))));
  const tx = tf.tensor2d(xs, [x.rows, x.cols]);
  const ty = tf.tensor2d(ys, [y.length, 1]);
  let cancelled = false;
  try {
    await model.fit(tx, ty, {
      epochs,
      batchSize: o.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        // tf's default yield is requestAnimationFrame, which a dedicated worker in Chromium
        // refuses ("not supported in this Worker"): yield to the task queue instead.
        nextFrameFunc: () => new Promise((r) => setTimeout(r, 0)),
        onBatchEnd: async (batch) => {
          // Let a cancel message in (a worker handles messages only between tasks).
          if (batch % 20 === 0) await new Promise((r) => setTimeout(r, 0));
          if (hooks.shouldStop?.()) {
            cancelled = true;
            model.stopTraining = true;
          }
        },
        onEpochEnd: async (epoch, logs) => hooks.onEpoch?.(epoch + 1, epochs, Number(logs?.loss ?? NaN)),
      },
    });
    if (cancelled) throw new TrainingCancelledError();
    return { ...toJson(model, o.kind, x.cols), training: { epochs, batchSize: o.batchSize } };
  } finally {
    tx.dispose();
    ty.dispose();
    model.dispose();
  }
}

function toJson(model: tfl.Sequential, kind: TaskKind, inputs: number): ModelJson {
  const layers = model.layers.map((layer, i) => {
    const [kernel, bias] = layer.getWeights();
    const last = i === model.layers.length - 1;
    return {
      units: kernel!.shape[1]!,
      kernel: Array.from(kernel!.dataSync()),
      bias: Array.from(bias!.dataSync()),
      activation: (last ? (kind === 'classification' ? 'sigmoid' : 'linear') : 'relu') as 'relu' | 'linear' | 'sigmoid',
    };
  });
  return { format: 'pocket-lakehouse/dense-v1', kind, inputs, layers };
}

/**
 * Scores rows with a saved model. Plain arithmetic over the saved weights (the network is
 * two small matrix products), so a model loaded from a lakehouse zip scores without tf.
 */
export function predict(model: ModelJson, x: Matrix): Float32Array {
  if (x.cols !== model.inputs) throw new Error(`model expects ${model.inputs} inputs, got ${x.cols}`);
  const out = new Float32Array(x.rows);
  let width = x.cols;
  let current = x.data;
  for (const layer of model.layers) {
    const units = layer.units;
    const kernel = Float64Array.from(layer.kernel);
    const next = new Float32Array(x.rows * units);
    const sum = new Float64Array(units);
    for (let r = 0; r < x.rows; r++) {
      sum.set(layer.bias);
      // Inputs in order, each added to every unit: the same sums as unit by unit, but a zero
      // input (most one-hot columns) is skipped, which makes scoring several times faster.
      for (let k = 0; k < width; k++) {
        const v = current[r * width + k]!;
        if (v === 0) continue;
        for (let u = 0; u < units; u++) sum[u] += v * kernel[k * units + u]!;
      }
      for (let u = 0; u < units; u++) {
        const s = sum[u]!;
        next[r * units + u] = layer.activation === 'relu' ? Math.max(0, s) : layer.activation === 'sigmoid' ? 1 / (1 + Math.exp(-s)) : s;
      }
    }
    current = next;
    width = units;
  }
  out.set(current.subarray(0, x.rows));
  return out;
}
