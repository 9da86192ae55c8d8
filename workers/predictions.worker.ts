/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { trainPredictions, type PredictionInput, type PredictionProgress, type PredictionResult } from '../src/predictions/predictions';

/**
 * The prediction models' own worker: training (TensorFlow.js) runs here, so neither the page
 * nor DuckDB's worker waits on it. `cancel` is checked after every batch.
 */
let stopRequested = false;

const api = {
  async train(input: PredictionInput, onProgress?: (p: PredictionProgress) => void): Promise<PredictionResult> {
    stopRequested = false;
    return trainPredictions(input, onProgress, () => stopRequested);
  },
  cancel(): void {
    stopRequested = true;
  },
};

Comlink.expose(api);

export type PredictionsWorkerApi = typeof api;
