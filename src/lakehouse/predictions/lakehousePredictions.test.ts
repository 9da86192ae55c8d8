import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { TrainingCancelledError } from '../../predictions/learner';
import type { Lakehouse } from '../lakehouse';
import { LakehousePredictions } from './lakehousePredictions';

// A cancel that comes while DuckDB still builds the features (before the trainer runs) must
// stop the training too: the trainer is never called and the previous result stays.

describe('LakehousePredictions: cancel while the features are built', () => {
  it('never starts the trainer and rejects as cancelled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let execs = 0;
    const engine = {
      // The first statement (the ETA features) waits until the test lets it go.
      exec: async () => {
        if (execs++ === 0) await gate;
      },
      query: async (sql: string) =>
        /min\(purchased_at\)/.test(sql)
          ? tableFromArrays({ first: Float64Array.of(Date.UTC(2017, 0, 1)), last: Float64Array.of(Date.UTC(2018, 8, 1)) })
          : tableFromArrays({ purchased_at: new Float64Array(0), delivery_days: new Float64Array(0) }),
    } as unknown as Engine;
    const lakehouse = { engine, exclusive: <T>(work: () => Promise<T>) => work() } as unknown as Lakehouse;
    let trained = 0;
    let stopped = 0;
    const models = new LakehousePredictions(
      async () => {
        trained++;
        throw new Error('the trainer should not run');
      },
      () => stopped++,
    );
    const run = models.retrain(lakehouse);
    await new Promise((r) => setTimeout(r, 10));
    models.cancel();
    release();
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(trained).toBe(0);
    expect(stopped).toBe(1);
    expect(models.view()).toBeUndefined();
  });
});
