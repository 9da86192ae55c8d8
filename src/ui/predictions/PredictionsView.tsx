import { useMemo } from 'react';
import type { PredictionsView as Result } from '../../lakehouse/predictions/lakehousePredictions';
import { MetricsTable, type MetricRow } from './MetricsTable';
import { PredictionChart } from './PredictionChart';
import { etaScatterSpec, importanceSpec, prSpec, reliabilitySpec, residualSpec, rocSpec } from './predictionSpecs';
import { TrainingStatus } from './TrainingStatus';
import type { Predictions } from './usePredictions';
import './predictions.css';

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');

/**
 * Delivery ETA and repeat purchase: train (or retrain after new data), then per model the
 * metrics against the baselines, the charts a reviewer needs and a link to the scored table.
 */
export default function PredictionsView({ predictions, busy, onOpenTable }: { predictions: Predictions; busy: boolean; onOpenTable: (table: string) => void }) {
  const { result, training, train, cancel, stale } = predictions;
  const running = training.status === 'training';
  return (
    <div className="predictions-view">
      <h2>Predictions</h2>
      <p className="hint">
        Two models trained here, in a worker, on this lakehouse's own gold data: days to delivery for an order (delivery ETA) and the chance that a customer buys again
        within the horizon (repeat purchase). Each is tested on a later period than it was trained on and compared with the baseline an analyst would use.
      </p>
      <div className="predictions-actions">
        <button type="button" onClick={() => void train()} disabled={busy || running}>
          {result ? 'Retrain' : 'Train models'}
        </button>
        {running && (
          <button type="button" onClick={cancel} disabled={training.cancelling}>
            {training.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <TrainingStatus training={training} />
      {stale && !running && <p className="notice" data-testid="predictions-stale">New data has been loaded since these models were trained: retrain to score it.</p>}
      {result ? <Results result={result} onOpenTable={onOpenTable} /> : !running && <p className="hint">No models trained yet in this session.</p>}
    </div>
  );
}

function Results({ result, onOpenTable }: { result: Result; onOpenTable: (table: string) => void }) {
  const { metrics, curves } = result;
  const e = metrics.eta;
  const c = metrics.churn;
  const specs = useMemo(
    () => ({
      scatter: etaScatterSpec(curves.eta.sample),
      residuals: residualSpec(curves.eta.sample),
      etaImportance: importanceSpec(e.importance, 'MAE increase when shuffled (days)'),
      roc: rocSpec(curves.churn),
      pr: prSpec(curves.churn, c.positiveRate.test),
      reliability: reliabilitySpec(c.reliability),
      churnImportance: importanceSpec(c.importance, 'ROC AUC drop when shuffled'),
    }),
    [result],
  );
  const etaRows: MetricRow[] = [
    { name: 'Model', values: [f(e.model.mae), f(e.model.rmse), pct(e.model.within3)] },
    { name: "Olist's estimate", values: [f(e.olistEstimate.mae), f(e.olistEstimate.rmse), pct(e.olistEstimate.within3)] },
    { name: 'Route median (training period)', values: [f(e.routeMedian.mae), f(e.routeMedian.rmse), pct(e.routeMedian.within3)] },
  ];
  const churnRows: MetricRow[] = [
    { name: 'Model', values: [f(c.model.rocAuc, 3), f(c.model.prAuc, 3), f(c.model.topDecileLift), f(c.model.brier, 4)] },
    { name: 'RFM recency', values: [f(c.recencyBaseline.rocAuc, 3), f(c.recencyBaseline.prAuc, 3), f(c.recencyBaseline.topDecileLift), '–'] },
    { name: 'Base rate', values: ['0.500', f(c.positiveRate.test, 3), '1.00', f(c.baseRateBrier, 4)] },
  ];
  return (
    <>
      <p className="hint" data-testid="trained-at">
        Trained {new Date(metrics.trainedAt).toLocaleString()} in {f(metrics.timings.etaMs / 1000, 1)} s (ETA) and {f(metrics.timings.churnMs / 1000, 1)} s (repeat purchase).
      </p>
      <section className="prediction-model" aria-labelledby="predictions-eta" data-testid="predictions-eta">
        <h3 id="predictions-eta">Delivery ETA</h3>
        <p>
          Trained on {e.trainRows.toLocaleString()} orders purchased {e.trainPeriod[0]} – {e.trainPeriod[1]}; tested on {e.testRows.toLocaleString()} orders purchased {e.testPeriod[0]} – {e.testPeriod[1]}.
          The 80 % interval held {pct(e.intervalCoverage)} of test deliveries.
        </p>
        <MetricsTable caption="Delivery ETA on the test period, against the baselines (lower MAE and RMSE are better)" columns={['MAE (days)', 'RMSE (days)', 'Within ±3 days']} rows={etaRows} />
        <Verdict beats={e.beatsBaselinesOnMae} what="both baselines on MAE" />
        <div className="chart-grid">
          <PredictionChart id="chart-eta-scatter" title="Predicted vs actual" description="Test orders (a sample of up to 2,000): on the dashed line the prediction is exact." spec={specs.scatter} />
          <PredictionChart id="chart-eta-residuals" title="Residuals" description="Test orders by prediction error in days; a narrow peak at zero is good." spec={specs.residuals} />
          <PredictionChart id="chart-eta-importance" title="Feature importance" description="How much worse the MAE gets when a feature's values are shuffled." spec={specs.etaImportance} />
        </div>
        <p>
          Every order's prediction and interval: <TableLink table="delivery_eta" onOpenTable={onOpenTable} />.
        </p>
      </section>
      <section className="prediction-model" aria-labelledby="predictions-churn" data-testid="predictions-churn">
        <h3 id="predictions-churn">Repeat purchase</h3>
        <p>
          Chance of another order within {c.horizonDays} days of a cutoff. Trained on {c.trainRows.toLocaleString()} (customer, cutoff) rows at {c.cutoffs.train.join(', ')}; tested on{' '}
          {c.testRows.toLocaleString()} customers at {c.cutoffs.test} ({pct(c.positiveRate.test)} bought again); scored at {c.cutoffs.score}.
        </p>
        <MetricsTable caption="Repeat purchase on the test cutoff, against the baselines (higher AUC and lift, lower Brier are better)" columns={['ROC AUC', 'PR AUC', 'Top-decile lift', 'Brier']} rows={churnRows} />
        <Verdict beats={c.beatsBaselineOnRocAuc} what="the RFM recency baseline on ROC AUC" />
        {Number.isFinite(c.model.brier) && c.model.brier >= c.baseRateBrier && (
          <p className="notice">Its Brier score is no better than always predicting the base rate: read the probabilities as a ranking, not as calibrated chances.</p>
        )}
        <div className="chart-grid">
          <PredictionChart id="chart-churn-roc" title="ROC curve" description="True against false positive rate, model and RFM recency; the dashed diagonal is chance." spec={specs.roc} />
          <PredictionChart id="chart-churn-pr" title="Precision–recall curve" description="Precision against recall; the dashed line is the test period's repeat rate." spec={specs.pr} />
          <PredictionChart id="chart-churn-reliability" title="Reliability" description="Observed repeat rate per bin of predicted probability; on the dashed line the probabilities are calibrated." spec={specs.reliability} />
          <PredictionChart id="chart-churn-importance" title="Feature importance" description="How much the ROC AUC drops when a feature's values are shuffled." spec={specs.churnImportance} />
        </div>
        <p>
          Every customer's probability and risk band at the latest cutoff: <TableLink table="churn_scores" onOpenTable={onOpenTable} />.
        </p>
      </section>
      <details>
        <summary>Model card</summary>
        <pre className="model-card" data-testid="model-card">{result.modelCard}</pre>
      </details>
    </>
  );
}

function Verdict({ beats, what }: { beats: boolean; what: string }) {
  return beats ? <p className="verdict good">The model beats {what}.</p> : <p className="verdict bad"><strong>The model does not beat {what}.</strong> Use the baseline instead, or treat the scores with caution.</p>;
}

function TableLink({ table, onOpenTable }: { table: string; onOpenTable: (table: string) => void }) {
  return (
    <button type="button" className="link" onClick={() => onOpenTable(table)}>
      open gold.{table} in Tables
    </button>
  );
}
