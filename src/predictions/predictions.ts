/**
 * The two prediction models end to end, in three steps so that training can run in its own
 * worker: prepare (engine: feature tables → columns), train (pure: no engine, no DOM), write
 * (engine: gold.delivery_eta and gold.churn_scores). The CLI runs all three in one process.
 */
import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Engine } from '../engine/interface';
import { trainChurn, type ChurnResult } from './churn';
import { trainEta, type EtaResult } from './eta';
import type { FeatureSql } from './featureSql';
import { buildChurnFeatures, buildEtaFeatures, ML_SCHEMA, purchaseRange, toColumns, type Columns } from './features';
import type { LearnerOptions, TrainHooks } from './learner';
import { churnCutoffs, etaSplit, type ChurnCutoffs } from './split';

export const DEFAULT_HORIZON_DAYS = 180;

export interface PredictionInput {
  eta: Columns;
  etaSplit: number;
  churn: Columns;
  cutoffs: ChurnCutoffs;
  horizonDays: number;
}

export interface PredictionProgress {
  model: 'eta' | 'churn';
  epoch: number;
  epochs: number;
  loss: number;
}

export interface PredictionResult {
  eta: EtaResult;
  churn: ChurnResult;
  /** Training and evaluation time per model, and of its fit alone, milliseconds. */
  timings: { etaMs: number; churnMs: number; etaFitMs: number; churnFitMs: number };
  trainedAt: string;
}

export async function preparePredictionInput(engine: Engine, sql: FeatureSql, horizonDays = DEFAULT_HORIZON_DAYS): Promise<PredictionInput> {
  await buildEtaFeatures(engine, sql);
  const eta = toColumns(await engine.query(`SELECT * FROM ${ML_SCHEMA}.eta_features ORDER BY order_id`));
  const labelled = eta.purchased_at!.filter((_, i) => eta.delivery_days![i] !== null).map(Number);
  const { first, last } = await purchaseRange(engine);
  const cutoffs = churnCutoffs(first, last, horizonDays);
  await buildChurnFeatures(engine, sql, [...cutoffs.train, cutoffs.test, cutoffs.score], horizonDays);
  const churn = toColumns(await engine.query(`SELECT * FROM ${ML_SCHEMA}.churn_features ORDER BY cutoff, customer_unique_id`));
  return { eta, etaSplit: etaSplit(labelled), churn, cutoffs, horizonDays };
}

export async function trainPredictions(
  input: PredictionInput,
  onProgress?: (p: PredictionProgress) => void,
  shouldStop?: () => boolean,
  learners?: { eta: LearnerOptions; churn: LearnerOptions },
): Promise<PredictionResult> {
  const hooks = (model: 'eta' | 'churn'): TrainHooks => ({
    onEpoch: (epoch, epochs, loss) => onProgress?.({ model, epoch, epochs, loss }),
    shouldStop,
  });
  const t0 = performance.now();
  const eta = await trainEta(input.eta, input.etaSplit, hooks('eta'), learners?.eta);
  const t1 = performance.now();
  const churn = await trainChurn(input.churn, input.cutoffs, input.horizonDays, hooks('churn'), learners?.churn);
  const t2 = performance.now();
  return { eta, churn, timings: { etaMs: t1 - t0, churnMs: t2 - t1, etaFitMs: eta.fitMs, churnFitMs: churn.fitMs }, trainedAt: new Date().toISOString() };
}

const text = (values: string[]) => vectorFromArray(values, new Utf8());
const num = (values: ArrayLike<number>) => vectorFromArray(Array.from(values), new Float64());

/** Writes gold.delivery_eta and gold.churn_scores from a trained result (feature tables must be those it was trained on). */
export async function writePredictions(engine: Engine, result: PredictionResult): Promise<void> {
  const e = result.eta.scores;
  await engine.exec(`DROP TABLE IF EXISTS ${ML_SCHEMA}.eta_scores; DROP TABLE IF EXISTS ${ML_SCHEMA}.churn_scores`);
  await engine.insertArrow(
    `${ML_SCHEMA}.eta_scores`,
    new Table({ order_id: text(e.order_id), predicted_days: num(e.predicted_days), lower_days: num(e.lower_days), upper_days: num(e.upper_days), evaluation_set: text(e.set) }),
  );
  const c = result.churn.scores;
  await engine.insertArrow(
    `${ML_SCHEMA}.churn_scores`,
    new Table({ customer_unique_id: text(c.customer_unique_id), repurchase_probability: num(c.repurchase_probability), risk_band: text(c.risk_band) }),
  );
  const at = (days: string) => `epoch_ms((epoch_ms(f.purchased_at) + ${days} * 86400000)::BIGINT)`;
  await engine.exec(`
    CREATE OR REPLACE TABLE gold.delivery_eta AS
    SELECT f.order_id, f.purchased_at, s.predicted_days, ${at('s.predicted_days')} AS predicted_at,
      s.lower_days, s.upper_days, ${at('s.lower_days')} AS predicted_earliest_at, ${at('s.upper_days')} AS predicted_latest_at,
      f.delivery_days AS actual_days, f.olist_estimated_days, s.evaluation_set
    FROM ${ML_SCHEMA}.eta_features AS f JOIN ${ML_SCHEMA}.eta_scores AS s USING (order_id);
    CREATE OR REPLACE TABLE gold.churn_scores AS
    SELECT f.customer_unique_id, f.cutoff, s.repurchase_probability, 1 - s.repurchase_probability AS churn_probability,
      s.risk_band, f.recency_days, f.frequency, f.monetary
    FROM ${ML_SCHEMA}.churn_features AS f JOIN ${ML_SCHEMA}.churn_scores AS s USING (customer_unique_id)
    WHERE f.cutoff = (SELECT max(cutoff) FROM ${ML_SCHEMA}.churn_cutoffs);`);
}
