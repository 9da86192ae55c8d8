import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../demo/generateOlist';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { buildLakehouse } from '../pipeline/models/testHarness';
import { bundledFeatureSql } from './bundledFeatures';
import { CHURN_LEARNER } from './churn';
import { ETA_LEARNER } from './eta';
import { toColumns } from './features';
import { modelCardMarkdown, predictionMetrics } from './modelCard';
import { preparePredictionInput, trainPredictions, writePredictions, type PredictionResult } from './predictions';

// Both models on generated data (sf 0.05): they find the documented signal of the demo data
// (src/demo/logistics.ts: distance, route, seller handling) and write their gold tables.
// Fewer training steps than the app uses, to keep the test short.

let engine: Engine;
let result: PredictionResult;

beforeAll(async () => {
  engine = await NativeEngine.open();
  await buildLakehouse(engine, generateOlist({ sf: 0.05 }).map((f) => ({ path: f.name, bytes: f.bytes })));
  const input = await preparePredictionInput(engine, bundledFeatureSql);
  result = await trainPredictions(input, undefined, undefined, {
    eta: { ...ETA_LEARNER, minSteps: 400 },
    churn: { ...CHURN_LEARNER, minSteps: 200 },
  });
  await writePredictions(engine, result);
}, 300_000);
afterAll(async () => engine?.close());

describe('predictions on generated data', () => {
  it('ETA beats Olist\'s estimate and the route median on MAE, with distance among the top features', () => {
    const e = result.eta.evaluation;
    expect(e.testRows).toBeGreaterThan(500);
    expect(e.model.mae).toBeLessThan(e.routeMedian.mae);
    expect(e.model.mae).toBeLessThan(e.olistEstimate.mae);
    expect(e.importance.slice(0, 3).map((i) => i.feature)).toContain('distance_km');
    expect(e.importance.slice(0, 4).map((i) => i.feature)).toContain('seller_past_handling_days');
    expect(e.intervalCoverage).toBeGreaterThan(0.6);
  });

  it('writes gold.delivery_eta for every order with items and gold.churn_scores for the latest cutoff', async () => {
    const c = toColumns(await engine.query(`
      SELECT (SELECT count(*) FROM gold.delivery_eta) AS eta,
             (SELECT count(*) FROM ml.eta_features) AS features,
             (SELECT count(*) FROM gold.delivery_eta WHERE predicted_at < purchased_at OR lower_days > upper_days) AS bad,
             (SELECT count(*) FROM gold.churn_scores) AS churn,
             (SELECT count(DISTINCT risk_band) FROM gold.churn_scores) AS bands,
             (SELECT count(*) FROM gold.churn_scores WHERE repurchase_probability NOT BETWEEN 0 AND 1) AS bad_p`));
    expect(c.eta![0]).toBe(c.features![0]);
    expect(c.bad![0]).toBe(0);
    expect(Number(c.churn![0])).toBeGreaterThan(1000);
    expect(c.bands![0]).toBe(3);
    expect(c.bad_p![0]).toBe(0);
  });

  it('the metrics JSON and the model card say whether each model beats its baselines', () => {
    const m = predictionMetrics(result);
    expect(m.eta.beatsBaselinesOnMae).toBe(true);
    expect(typeof m.churn.beatsBaselineOnRocAuc).toBe('boolean');
    const card = modelCardMarkdown(result);
    expect(card).toContain('The model beats both baselines on MAE.');
    expect(card).toMatch(/RFM recency baseline on ROC AUC/);
    expect(JSON.stringify(m)).not.toContain('"roc"');
  });
});
