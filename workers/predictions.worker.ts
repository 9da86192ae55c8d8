/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { TrainingWorkerApi } from '../src/lakehouse/predictions/workerTrainer';
import { trainPredictions } from '../src/predictions/predictions';

/**
 * The prediction models' own worker: training (TensorFlow.js) runs here, so neither the page
 * nor DuckDB's worker waits on it. A cancel ends this worker (src/lakehouse/predictions/workerTrainer.ts).
 */
const api: TrainingWorkerApi = {
  train: (input, onProgress) => trainPredictions(input, onProgress),
};

Comlink.expose(api);
