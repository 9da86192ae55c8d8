/**
 * Training in the predictions worker, cancelled by ending that worker. A stop flag checked
 * between batches (learner.ts) cannot interrupt the evaluation and scoring between epochs,
 * which take seconds at sf=1, and a worker only reads messages between tasks; terminating it
 * stops at once, whatever it is doing. The next training starts a fresh worker.
 */
import * as Comlink from 'comlink';
import { TrainingCancelledError } from '../../predictions/learner';
import type { PredictionInput, PredictionProgress, PredictionResult } from '../../predictions/predictions';
import type { PredictionTrainer } from './lakehousePredictions';

/** What the predictions worker exposes (workers/predictions.worker.ts). */
export interface TrainingWorkerApi {
  train(input: PredictionInput, onProgress?: (p: PredictionProgress) => void): Promise<PredictionResult>;
}

export function workerTrainer(start: () => Worker): { train: PredictionTrainer; cancel: () => void } {
  let worker: Worker | undefined;
  let api: Comlink.Remote<TrainingWorkerApi> | undefined;
  let stop: (() => void) | undefined;
  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
    api = undefined;
  };
  return {
    train: (input, onProgress) =>
      new Promise<PredictionResult>((resolve, reject) => {
        if (!api) api = Comlink.wrap<TrainingWorkerApi>((worker = start()));
        const stopThis = () => {
          stopWorker();
          reject(new TrainingCancelledError());
        };
        stop = stopThis;
        api.train(input, onProgress && Comlink.proxy(onProgress)).then(resolve, reject).finally(() => stop === stopThis && (stop = undefined));
      }),
    cancel: () => stop?.(),
  };
}
