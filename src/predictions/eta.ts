/**
 * Delivery ETA: days from purchase to delivery, predicted at purchase time. Trained on
 * orders purchased (and delivered) before the split, tested on the orders after it, against
 * Olist's own estimate and the training period's median per (seller state, customer state)
 * route. The interval is the model's 10th–90th percentile residual on the training rows.
 */
import type { Columns } from './features';
import { encode, fitEncoder, type EncoderSpec, type FeatureList } from './encode';
import { fitRouteMedians, scoreEta, withRouteMedians, type EtaModelFile } from './etaModel';
import { permutationImportance, type FeatureImportance } from './importance';
import { predict, trainModel, type LearnerOptions, type ModelJson, type TrainHooks } from './learner';
import { mae, quantile, rmse, withinShare } from './metrics';

export const ETA_FEATURES: FeatureList = {
  numeric: [
    'distance_km', 'route_median_days', 'seller_past_handling_days', 'seller_past_orders', 'freight_value', 'price',
    'weight_g', 'volume_cm3', 'n_items', 'n_sellers', 'same_state', 'purchase_weekday', 'purchase_month', 'purchase_hour',
  ],
  logged: ['freight_value', 'price', 'weight_g', 'volume_cm3', 'seller_past_orders'],
  categorical: ['customer_state', 'seller_state', 'category'],
};

// Batch size and epochs chosen on a validation split inside the training period (never the
// test period): 3 epochs of 512 fit as well as 6 of 256 (validation MAE 2.136 vs 2.139 days
// at sf=1) in a third of the time. `minSteps` keeps small data (the demo at sf 0.05) training long enough.
export const ETA_LEARNER: LearnerOptions = {
  kind: 'regression', hidden: 16, epochs: 3, minSteps: 400, batchSize: 512, learningRate: 0.01, seed: 17, loss: 'meanAbsoluteError',
};

export interface RegressionScores { mae: number; rmse: number; within3: number; rows: number }

export interface EtaEvaluation {
  split: number;
  trainRows: number;
  testRows: number;
  trainPeriod: [number, number];
  testPeriod: [number, number];
  model: RegressionScores;
  olistEstimate: RegressionScores;
  routeMedian: RegressionScores;
  /** Share of test orders delivered inside the predicted interval (nominal 80 %). */
  intervalCoverage: number;
  importance: FeatureImportance[];
  /** Up to 2,000 test orders for the predicted-vs-actual chart. */
  sample: { actual: number; predicted: number }[];
}

export interface EtaResult {
  evaluation: EtaEvaluation;
  encoder: EncoderSpec;
  model: ModelJson;
  residualQuantiles: [number, number];
  routeMedians: Record<string, number>;
  /** What a route without a training median gets (etaModel.ts). */
  routeFallbackDays: number;
  /** Time spent in the learner's fit alone (the rest is features to matrix, evaluation, scoring). */
  fitMs: number;
  /** Per feature row (ml.eta_features order): prediction, interval and set. */
  scores: { order_id: string[]; predicted_days: Float64Array; lower_days: Float64Array; upper_days: Float64Array; set: string[] };
}

/** Min and max without spreading (a spread of 100k arguments overflows the stack). */
const range = (xs: number[]): [number, number] => xs.reduce<[number, number]>((r, x) => [Math.min(r[0], x), Math.max(r[1], x)], [Infinity, -Infinity]);

function scoresOf(pred: ArrayLike<number>, y: ArrayLike<number>): RegressionScores {
  return { mae: mae(pred, y), rmse: rmse(pred, y), within3: withinShare(pred, y, 3), rows: y.length };
}

export async function trainEta(cols: Columns, split: number, hooks: TrainHooks = {}, learner: LearnerOptions = ETA_LEARNER): Promise<EtaResult> {
  const n = cols.order_id!.length;
  const label = (r: number) => cols.delivery_days![r] as number | null;
  const purchased = (r: number) => Number(cols.purchased_at![r]);
  const train: number[] = [];
  const test: number[] = [];
  for (let r = 0; r < n; r++) {
    if (label(r) === null || label(r) === undefined) continue;
    if (purchased(r) >= split) test.push(r);
    else if (Number(cols.delivered_at![r]) < split) train.push(r);
  }
  if (train.length < 50 || test.length < 20) throw new Error(`too few delivered orders to train the ETA model (${train.length} before the split, ${test.length} after)`);

  // The route baseline, also a feature: median days per route over the training rows.
  const routes = fitRouteMedians(cols, train, (r) => label(r)!);
  const withRoute = withRouteMedians(routes, cols);

  const encoder = fitEncoder(withRoute, train, ETA_FEATURES);
  const xTrain = encode(encoder, withRoute, train);
  const yTrain = Float32Array.from(train, (r) => label(r)!);
  const fitStart = performance.now();
  const model = await trainModel(xTrain, yTrain, learner, hooks);
  const fitMs = performance.now() - fitStart;

  const residuals = Array.from(predict(model, xTrain), (p, i) => yTrain[i]! - p);
  const residualQuantiles: [number, number] = [quantile(residuals, 0.1), quantile(residuals, 0.9)];

  const xTest = encode(encoder, withRoute, test);
  const yTest = Float32Array.from(test, (r) => label(r)!);
  const pTest = predict(model, xTest);
  const olist = test.map((r) => Number(cols.olist_estimated_days![r] ?? NaN));
  const olistRows = olist.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  const route = test.map((r) => withRoute.route_median_days![r] as number);
  let covered = 0;
  pTest.forEach((p, i) => {
    if (yTest[i]! >= p + residualQuantiles[0] && yTest[i]! <= p + residualQuantiles[1]) covered++;
  });
  const stride = Math.max(1, Math.ceil(test.length / 2000));
  const evaluation: EtaEvaluation = {
    split,
    trainRows: train.length,
    testRows: test.length,
    trainPeriod: range(train.map(purchased)),
    testPeriod: range(test.map(purchased)),
    model: scoresOf(pTest, yTest),
    olistEstimate: scoresOf(olistRows.map((i) => olist[i]!), olistRows.map((i) => yTest[i]!)),
    routeMedian: scoresOf(route, yTest),
    intervalCoverage: covered / test.length,
    importance: permutationImportance(model, xTest, yTest, mae, ETA_LEARNER.seed),
    sample: test.flatMap((_, i) => (i % stride === 0 ? [{ actual: yTest[i]!, predicted: pTest[i]! }] : [])),
  };

  const all = Array.from({ length: n }, (_, r) => r);
  const saved: EtaModelFile = { format: 'pocket-lakehouse/eta-v1', encoder, model, residualQuantiles, ...routes };
  const testSet = new Set(test);
  const trainSet = new Set(train);
  return {
    evaluation,
    encoder,
    model,
    residualQuantiles,
    ...routes,
    fitMs,
    scores: {
      order_id: cols.order_id as string[],
      ...scoreEta(saved, cols, all),
      set: all.map((r) => (trainSet.has(r) ? 'train' : testSet.has(r) ? 'test' : 'score')),
    },
  };
}

/** The trained model as its file (models/eta.json). */
export function etaModelFile(r: EtaResult): EtaModelFile {
  return {
    format: 'pocket-lakehouse/eta-v1',
    encoder: r.encoder, model: r.model, residualQuantiles: r.residualQuantiles,
    routeMedians: r.routeMedians, routeFallbackDays: r.routeFallbackDays,
  };
}
