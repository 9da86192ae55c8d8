/// <reference lib="webworker" />
// The bench's worker in Chromium: the same trainPredictions as workers/predictions.worker.ts,
// behind a plain message (no comlink, so the bench page needs no bundler).
import { predictionMetrics } from '../../src/predictions/modelCard';
import type { LearnerOptions } from '../../src/predictions/learner';
import { trainPredictions, type PredictionInput } from '../../src/predictions/predictions';

self.onmessage = async (e: MessageEvent<{ input: PredictionInput; learners?: { eta: LearnerOptions; churn: LearnerOptions } }>) => {
  try {
    const input = e.data.input;
    const t0 = performance.now();
    const result = await trainPredictions(input, (p) => self.postMessage({ progress: p }), undefined, e.data.learners);
    self.postMessage({ done: { totalMs: performance.now() - t0, metrics: predictionMetrics(result) } });
  } catch (error) {
    self.postMessage({ error: String((error as Error).stack ?? error) });
  }
};
