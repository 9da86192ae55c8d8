/**
 * Predictions as a typed operation of the lakehouse: features from the engine, training in
 * the trainer the host passes (the browser: the predictions worker), the scores written to
 * gold.delivery_eta and gold.churn_scores. The last result is kept for the view, the HTML
 * report and the lakehouse zip (model card, models as JSON).
 */
import { bundledFeatureSql } from '../../predictions/bundledFeatures';
import { etaModelFile } from '../../predictions/eta';
import { modelCardMarkdown, predictionMetrics, type PredictionMetrics } from '../../predictions/modelCard';
import {
  preparePredictionInput, writePredictions,
  type PredictionInput, type PredictionProgress, type PredictionResult,
} from '../../predictions/predictions';
import { TrainingCancelledError } from '../../predictions/learner';
import type { Lakehouse } from '../lakehouse';

export type PredictionTrainer = (input: PredictionInput, onProgress?: (p: PredictionProgress) => void) => Promise<PredictionResult>;

export interface PredictionsView {
  metrics: PredictionMetrics;
  curves: {
    eta: { sample: { actual: number; predicted: number }[] };
    churn: {
      model: { roc: { x: number; y: number }[]; pr: { x: number; y: number }[] };
      recencyBaseline: { roc: { x: number; y: number }[]; pr: { x: number; y: number }[] };
    };
  };
  modelCard: string;
  /** The trained models and encoders as JSON files (what the zip carries; loadable with predict()). */
  models: { eta: string; churn: string };
}

export function predictionsView(r: PredictionResult): PredictionsView {
  const c = r.churn.evaluation;
  return {
    metrics: predictionMetrics(r),
    curves: {
      eta: { sample: r.eta.evaluation.sample },
      churn: {
        model: { roc: c.model.roc, pr: c.model.pr },
        recencyBaseline: { roc: c.recencyBaseline.roc, pr: c.recencyBaseline.pr },
      },
    },
    modelCard: modelCardMarkdown(r),
    models: {
      eta: JSON.stringify(etaModelFile(r.eta)),
      churn: JSON.stringify({ encoder: r.churn.encoder, model: r.churn.model }),
    },
  };
}

/** The trained models as files, laid out as `npm run predict` writes them (for the lakehouse zip). */
export function predictionFiles(view: PredictionsView): Record<string, string> {
  return {
    'model_card.md': view.modelCard,
    'predictions.json': JSON.stringify(view.metrics, null, 2) + '\n',
    'models/eta.json': view.models.eta,
    'models/churn.json': view.models.churn,
  };
}

export class LakehousePredictions {
  private last?: PredictionsView;
  private cancelRequested = false;

  /** `stopTrainer` stops a training under way (the browser: ends the predictions worker). */
  constructor(
    private readonly trainer: PredictionTrainer,
    private readonly stopTrainer?: () => void,
  ) {}

  /** Trains both models on the lakehouse's current gold and writes their tables; one write at a time. */
  retrain(lakehouse: Lakehouse, onProgress?: (p: PredictionProgress) => void): Promise<PredictionsView> {
    return lakehouse.exclusive(async () => {
      this.cancelRequested = false;
      const input = await preparePredictionInput(lakehouse.engine, bundledFeatureSql);
      // A cancel that came while DuckDB built the features: the trainer was not running yet.
      if (this.cancelRequested) throw new TrainingCancelledError();
      const result = await this.trainer(input, onProgress);
      await writePredictions(lakehouse.engine, result);
      this.last = predictionsView(result);
      return this.last;
    });
  }

  /** Stops the training under way (or the one about to start); the previous models and tables stay. */
  cancel(): void {
    this.cancelRequested = true;
    this.stopTrainer?.();
  }

  view(): PredictionsView | undefined {
    return this.last;
  }
}
