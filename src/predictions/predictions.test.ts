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
import { preparePredictionInput, trainPredictions, writePredictions, type PredictionInput, type PredictionResult } from './predictions';
import { encode } from './encode';
import { predict } from './learner';
import { routeKey, scoreEta, type EtaModelFile } from './etaModel';
import { predictionFiles, predictionsView } from '../lakehouse/predictions/lakehousePredictions';

// Both models on generated data (sf 0.05): they find the documented signal of the demo data
// (src/demo/logistics.ts: distance, route, seller handling) and write their gold tables.
// Fewer training steps than the app uses, to keep the test short.

let engine: Engine;
let result: PredictionResult;
let input: PredictionInput;

beforeAll(async () => {
  engine = await NativeEngine.open();
  await buildLakehouse(engine, generateOlist({ sf: 0.05 }).map((f) => ({ path: f.name, bytes: f.bytes })));
  input = await preparePredictionInput(engine, bundledFeatureSql);
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
    // The epochs actually run (more than the floor of 3 on this small data), not the floor.
    expect(result.eta.model.training!.epochs).toBeGreaterThan(ETA_LEARNER.epochs);
    expect(card).toContain(`absolute-error loss, ${result.eta.model.training!.epochs} epochs of ${ETA_LEARNER.batchSize} rows`);
    expect(JSON.stringify(m)).not.toContain('"roc"');
  });

  it('the models in the lakehouse zip load again and score as the trained ones did', () => {
    const files = predictionFiles(predictionsView(result));
    expect(Object.keys(files).sort()).toEqual(['model_card.md', 'models/churn.json', 'models/eta.json', 'predictions.json']);
    const churn = JSON.parse(files['models/churn.json']!);
    const scoreRows = input.churn.cutoff!.flatMap((c, r) => (Number(c) === input.cutoffs.score ? [r] : []));
    const p = predict(churn.model, encode(churn.encoder, input.churn, scoreRows));
    expect(p.length).toBe(result.churn.scores.repurchase_probability.length);
    p.forEach((v, i) => expect(v).toBeCloseTo(result.churn.scores.repurchase_probability[i]!, 5));
    // ETA: every order scores from the saved file as it did in training, including orders on
    // routes without a training median, which get the stored fallback (the overall median).
    const eta = JSON.parse(files['models/eta.json']!) as EtaModelFile;
    expect(eta.routeFallbackDays).toBe(result.eta.routeFallbackDays);
    expect(Number.isFinite(eta.routeFallbackDays)).toBe(true);
    const all = input.eta.order_id!.map((_, r) => r);
    const unseen = all.filter((r) => !(routeKey(input.eta, r) in eta.routeMedians));
    expect(unseen.length).toBeGreaterThan(10);
    const s = scoreEta(eta, input.eta, all);
    s.predicted_days.forEach((d, r) => expect(d).toBeCloseTo(result.eta.scores.predicted_days[r]!, 4));
    const fallback = { ...input.eta, route_median_days: all.map(() => eta.routeFallbackDays) };
    const direct = predict(eta.model, encode(eta.encoder, fallback, unseen));
    unseen.forEach((r, i) => expect(s.predicted_days[r]).toBeCloseTo(Math.max(0, direct[i]!), 4));
    expect(JSON.parse(files['predictions.json']!).eta.model.mae).toBe(result.eta.evaluation.model.mae);
  });
});
