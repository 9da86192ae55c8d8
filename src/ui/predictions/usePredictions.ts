import { useCallback, useEffect, useRef, useState } from 'react';
import type { PredictionsView } from '../../lakehouse/predictions/lakehousePredictions';
import type { PipelineRun } from '../../pipeline/runner';
import type { PredictionProgress } from '../../predictions/predictions';
import { Comlink, type LakehouseClient } from '../client/lakehouseClient';

export type TrainingState =
  | { status: 'idle' }
  /** `progress` is undefined while DuckDB builds the features, before the first epoch. */
  | { status: 'training'; progress?: PredictionProgress; cancelling: boolean }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/**
 * The prediction models as the page sees them: the last trained result, training with
 * progress and cancel. Held by the app, not the view, so that training goes on (and its
 * result is kept) while the user looks at another tab. `pipeline` marks which run the
 * models were trained on, so the view can say when newer data has been loaded.
 */
export function usePredictions(api: () => LakehouseClient, pipeline: PipelineRun | undefined, onTrained: () => void) {
  const [result, setResult] = useState<PredictionsView>();
  const [training, setTraining] = useState<TrainingState>({ status: 'idle' });
  const [trainedOn, setTrainedOn] = useState<PipelineRun>();
  const pipelineNow = useRef(pipeline);
  pipelineNow.current = pipeline;

  // A result trained earlier in this worker (e.g. before a reload of the view) is shown again.
  useEffect(() => {
    if (!pipeline) return;
    void api()
      .predictions()
      .then((view) => view && setResult((current) => current ?? view));
  }, [api, pipeline]);

  const train = useCallback(async () => {
    setTraining({ status: 'training', cancelling: false });
    const on = pipelineNow.current;
    try {
      const view = await api().retrainPredictions(Comlink.proxy((p: PredictionProgress) => setTraining((t) => (t.status === 'training' ? { ...t, progress: p } : t))));
      setResult(view);
      setTrainedOn(on);
      setTraining({ status: 'idle' });
      onTrained();
    } catch (e) {
      const error = e as Error;
      setTraining(/cancel/i.test(`${error.name} ${error.message}`) ? { status: 'cancelled' } : { status: 'failed', message: error.message });
    }
  }, [api, onTrained]);

  const cancel = useCallback(() => {
    setTraining((t) => (t.status === 'training' ? { ...t, cancelling: true } : t));
    void api().cancelPredictions();
  }, [api]);

  const stale = result !== undefined && trainedOn !== undefined && pipeline !== trainedOn;
  return { result, training, train, cancel, stale };
}

export type Predictions = ReturnType<typeof usePredictions>;
