import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { TrainingCancelledError } from '../../predictions/learner';
import type { PredictionInput, PredictionResult } from '../../predictions/predictions';
import { workerTrainer, type TrainingWorkerApi } from './workerTrainer';

// A stand-in for the predictions worker over a MessageChannel: its training never ends by
// itself unless `finishes` says so, like a long fit; `terminate` closes the channel.
function fakeWorkers(finishes: boolean[]) {
  const started: { terminated: boolean }[] = [];
  const start = () => {
    const { port1, port2 } = new MessageChannel();
    const state = { terminated: false };
    const done = finishes[started.length] ?? false;
    started.push(state);
    const api: TrainingWorkerApi = {
      train: () => (done ? Promise.resolve({ trainedAt: 'now' } as PredictionResult) : new Promise<PredictionResult>(() => {})),
    };
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    return Object.assign(port1, {
      terminate: () => {
        state.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { start, started };
}

const input = {} as PredictionInput;

describe('training in a worker that a cancel ends', () => {
  it('a cancel rejects the training at once and ends its worker; the next training starts a new one', async () => {
    const { start, started } = fakeWorkers([false, true]);
    const trainer = workerTrainer(start);
    const first = trainer.train(input);
    await new Promise((r) => setTimeout(r, 20));
    trainer.cancel();
    await expect(first).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(started.map((s) => s.terminated)).toEqual([true]);

    await expect(trainer.train(input)).resolves.toMatchObject({ trainedAt: 'now' });
    expect(started.map((s) => s.terminated)).toEqual([true, false]);
    // A cancel with nothing under way leaves the worker alone.
    trainer.cancel();
    expect(started[1]!.terminated).toBe(false);
  });
});
