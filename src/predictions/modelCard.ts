/**
 * What a reviewer needs to trust (or distrust) the two models: the metrics JSON (no per-row
 * arrays) and a model card in Markdown — data, periods, features, metrics against the
 * baselines, whether the model beats them, and the limits.
 */
import { CHURN_FEATURES, CHURN_LEARNER, type ClassifierScores } from './churn';
import { ETA_FEATURES, ETA_LEARNER } from './eta';
import { MIN_ROUTE_ORDERS } from './etaModel';
import type { ModelJson } from './learner';
import type { PredictionResult } from './predictions';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const fitted = (m: ModelJson, epochs: number, batch: number) =>
  `${m.training?.epochs ?? epochs} epochs of ${m.training?.batchSize ?? batch} rows`;
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');

export function predictionMetrics(r: PredictionResult) {
  const e = r.eta.evaluation;
  const c = r.churn.evaluation;
  const strip = ({ roc: _r, pr: _p, ...rest }: ClassifierScores) => rest;
  return {
    trainedAt: r.trainedAt,
    timings: r.timings,
    eta: {
      split: day(e.split), trainRows: e.trainRows, testRows: e.testRows,
      trainPeriod: e.trainPeriod.map(day), testPeriod: e.testPeriod.map(day),
      model: e.model, olistEstimate: e.olistEstimate, routeMedian: e.routeMedian,
      beatsBaselinesOnMae: e.model.mae < e.olistEstimate.mae && e.model.mae < e.routeMedian.mae,
      intervalCoverage: e.intervalCoverage, residualQuantiles: r.eta.residualQuantiles,
      importance: e.importance,
    },
    churn: {
      horizonDays: c.horizonDays,
      cutoffs: { train: c.cutoffs.train.map(day), test: day(c.cutoffs.test), score: day(c.cutoffs.score) },
      trainRows: c.trainRows, testRows: c.testRows, positiveRate: c.positiveRate,
      model: strip(c.model), recencyBaseline: strip(c.recencyBaseline), baseRateBrier: c.baseRateBrier,
      beatsBaselineOnRocAuc: c.model.rocAuc > c.recencyBaseline.rocAuc,
      reliability: c.reliability, importance: c.importance,
    },
  };
}

export type PredictionMetrics = ReturnType<typeof predictionMetrics>;

export function modelCardMarkdown(r: PredictionResult): string {
  const m = predictionMetrics(r);
  const e = m.eta;
  const c = m.churn;
  const verdict = (beats: boolean, what: string) => (beats ? `The model beats ${what}.` : `**The model does not beat ${what}.**`);
  return `# Model card: predictions on gold

Trained ${m.trainedAt} in ${f(m.timings.etaMs / 1000, 1)} s (ETA) and ${f(m.timings.churnMs / 1000, 1)} s (repeat purchase), TensorFlow.js dense networks, fixed seeds.

## Delivery ETA (gold.delivery_eta)

Predicts days from purchase to delivery for an order, at purchase time. Network: ${ETA_LEARNER.hidden} hidden ReLU units, absolute-error loss, ${fitted(r.eta.model, ETA_LEARNER.epochs, ETA_LEARNER.batchSize)}, seed ${ETA_LEARNER.seed}.
Data: delivered orders with a sane timeline; trained on ${e.trainRows} orders purchased ${e.trainPeriod[0]} – ${e.trainPeriod[1]} (delivered before ${e.split}), tested on ${e.testRows} orders purchased ${e.testPeriod[0]} – ${e.testPeriod[1]}.
Features: ${[...ETA_FEATURES.numeric, ...ETA_FEATURES.categorical].join(', ')}.
Routes: the route median (a feature and a baseline) comes from routes with at least ${MIN_ROUTE_ORDERS} training orders (${Object.keys(r.eta.routeMedians).length} routes); an unseen or rarer route gets the overall training median, ${f(r.eta.routeFallbackDays, 1)} days (\`routeFallbackDays\` in models/eta.json).
Interval: prediction + the 10th–90th percentile of training residuals [${f(r.eta.residualQuantiles[0])}, ${f(r.eta.residualQuantiles[1])}] days; test coverage ${pct(e.intervalCoverage)} (nominal 80 %).

| on the test period | MAE (days) | RMSE (days) | within ±3 days |
|---|---|---|---|
| model | ${f(e.model.mae)} | ${f(e.model.rmse)} | ${pct(e.model.within3)} |
| Olist's estimate | ${f(e.olistEstimate.mae)} | ${f(e.olistEstimate.rmse)} | ${pct(e.olistEstimate.within3)} |
| route median (training period) | ${f(e.routeMedian.mae)} | ${f(e.routeMedian.rmse)} | ${pct(e.routeMedian.within3)} |

${verdict(e.beatsBaselinesOnMae, 'both baselines on MAE')}
Most important features (permutation, MAE increase in days): ${e.importance.slice(0, 5).map((i) => `${i.feature} ${f(i.importance)}`).join(', ')}.

## Repeat purchase / churn (gold.churn_scores)

Probability that a customer places another revenue-bearing order within ${c.horizonDays} days of a cutoff. Network: ${CHURN_LEARNER.hidden} hidden ReLU units, sigmoid output, cross-entropy, ${fitted(r.churn.model, CHURN_LEARNER.epochs, CHURN_LEARNER.batchSize)}, seed ${CHURN_LEARNER.seed}.
Data: ${c.trainRows} (customer, cutoff) rows at cutoffs ${c.cutoffs.train.join(', ')}; tested on ${c.testRows} customers at ${c.cutoffs.test}; scored at ${c.cutoffs.score}. Positive rate ${pct(c.positiveRate.train)} (train), ${pct(c.positiveRate.test)} (test).
Features (all from before the cutoff): ${[...CHURN_FEATURES.numeric, ...CHURN_FEATURES.categorical].join(', ')}.

| on the test cutoff | ROC AUC | PR AUC | top-decile lift | Brier |
|---|---|---|---|---|
| model | ${f(c.model.rocAuc, 3)} | ${f(c.model.prAuc, 3)} | ${f(c.model.topDecileLift)} | ${f(c.model.brier, 4)} |
| RFM recency | ${f(c.recencyBaseline.rocAuc, 3)} | ${f(c.recencyBaseline.prAuc, 3)} | ${f(c.recencyBaseline.topDecileLift)} | – |
| base rate | 0.500 | ${f(c.positiveRate.test, 3)} | 1.00 | ${f(c.baseRateBrier, 4)} |

${verdict(c.beatsBaselineOnRocAuc, 'the RFM recency baseline on ROC AUC')}
Most important features (permutation, ROC AUC drop): ${c.importance.slice(0, 5).map((i) => `${i.feature} ${f(i.importance, 3)}`).join(', ')}.

## Limits

- Evaluated on one later period each (time-based split); numbers move with the period and the data size.
- On the generated demo data the relationships are planted and documented (src/demo/logistics.ts, reviews.ts); real data is noisier: expect smaller gains over the baselines, and check them here before relying on a score.
- Repeat purchase is rare (a few % of customers): PR AUC and lift matter more than accuracy; probabilities are as calibrated as the reliability table shows, no more.
- The ETA interval is a residual band from the training period, not a per-order guarantee.
- A multi-seller order's handling history is its first seller's.
`;
}
