/**
 * The Predictions view's charts, in the dashboard's style (its config, palette and screen
 * reader descriptions). Each spec carries its rows inline: these charts are drawn once per
 * training, not filtered.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PredictionsView } from '../../lakehouse/predictions/lakehousePredictions';
import { describedAs } from '../dashboard/specs/chartBase';
import { OKABE_ITO } from '../dashboard/specs/palette';

const base = {
  width: 'container' as const,
  height: 240,
  autosize: { type: 'fit' as const, contains: 'padding' as const },
};

const diagonal = (max: number, title: [string, string]) => ({
  data: { values: [{ v: 0 }, { v: max }] },
  mark: { type: 'line' as const, strokeDash: [4, 4], color: OKABE_ITO.grey },
  encoding: { x: { field: 'v', type: 'quantitative' as const, title: title[0] }, y: { field: 'v', type: 'quantitative' as const, title: title[1] } },
});

export function etaScatterSpec(sample: PredictionsView['curves']['eta']['sample']): TopLevelSpec {
  const max = Math.ceil(Math.max(1, ...sample.slice(0, 5000).flatMap((s) => [s.actual, s.predicted])));
  const d = describedAs("'Actual ' + format(datum.actual, '.1f') + ' days, predicted ' + format(datum.predicted, '.1f')");
  return {
    ...base,
    layer: [
      {
        data: { values: sample },
        transform: [d.transform],
        mark: { type: 'point', filled: true, size: 14, opacity: 0.35, color: OKABE_ITO.blue },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'Actual days to delivery', scale: { domain: [0, max] } },
          y: { field: 'predicted', type: 'quantitative', title: 'Predicted days', scale: { domain: [0, max] } },
          ...d.encoding,
        },
      },
      diagonal(max, ['Actual days to delivery', 'Predicted days']),
    ],
  } as TopLevelSpec;
}

export function residualSpec(sample: PredictionsView['curves']['eta']['sample']): TopLevelSpec {
  return {
    ...base,
    data: { values: sample.map((s) => ({ residual: s.predicted - s.actual })) },
    mark: { type: 'bar', color: OKABE_ITO.vermillion },
    encoding: {
      x: { field: 'residual', type: 'quantitative', bin: { step: 1 }, title: 'Predicted − actual (days, > 0 = predicted later)' },
      y: { aggregate: 'count', type: 'quantitative', title: 'Test orders' },
      description: { value: 'A bar of test orders by residual' },
    },
  } as TopLevelSpec;
}

type Curve = { x: number; y: number }[];
const series = (model: Curve, baseline: Curve) => [
  ...model.map((p) => ({ ...p, series: 'Model' })),
  ...baseline.map((p) => ({ ...p, series: 'RFM recency' })),
];
const seriesColor = { field: 'series', type: 'nominal' as const, legend: { orient: 'top' as const, title: null }, scale: { domain: ['Model', 'RFM recency'], range: [OKABE_ITO.blue, OKABE_ITO.orange] } };
const curveDescription = describedAs("datum.series + ': ' + format(datum.x, '.2f') + ', ' + format(datum.y, '.2f')");

function curveSpec(model: Curve, baseline: Curve, x: string, y: string, reference: object): TopLevelSpec {
  return {
    ...base,
    layer: [
      reference,
      {
        data: { values: series(model, baseline) },
        transform: [curveDescription.transform],
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: x, scale: { domain: [0, 1] } },
          y: { field: 'y', type: 'quantitative', title: y, scale: { domain: [0, 1] } },
          color: seriesColor,
          strokeDash: { field: 'series', type: 'nominal', legend: null },
          ...curveDescription.encoding,
        },
      },
    ],
  } as TopLevelSpec;
}

export function rocSpec(c: PredictionsView['curves']['churn']): TopLevelSpec {
  return curveSpec(c.model.roc, c.recencyBaseline.roc, 'False positive rate', 'True positive rate', diagonal(1, ['False positive rate', 'True positive rate']));
}

export function prSpec(c: PredictionsView['curves']['churn'], baseRate: number): TopLevelSpec {
  const rule = { data: { values: [{ y: baseRate }] }, mark: { type: 'rule', strokeDash: [4, 4], color: OKABE_ITO.grey }, encoding: { y: { field: 'y', type: 'quantitative' } } };
  return curveSpec(c.model.pr, c.recencyBaseline.pr, 'Recall', 'Precision', rule);
}

export function reliabilitySpec(bins: PredictionsView['metrics']['churn']['reliability']): TopLevelSpec {
  const max = Math.min(1, Math.max(0.05, ...bins.flatMap((b) => [b.predicted, b.observed])) * 1.1);
  const d = describedAs("'Predicted ' + format(datum.predicted, '.1%') + ', observed ' + format(datum.observed, '.1%') + ' over ' + format(datum.count, ',d') + ' customers'");
  return {
    ...base,
    layer: [
      diagonal(max, ['Mean predicted probability', 'Observed repeat rate']),
      {
        data: { values: bins.filter((b) => b.count > 0) },
        transform: [d.transform],
        mark: { type: 'line', point: true, color: OKABE_ITO.blue },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Mean predicted probability', axis: { format: '.0%' } },
          y: { field: 'observed', type: 'quantitative', title: 'Observed repeat rate', axis: { format: '.0%' } },
          ...d.encoding,
        },
      },
    ],
  } as TopLevelSpec;
}

export function importanceSpec(importance: { feature: string; importance: number }[], title: string): TopLevelSpec {
  const d = describedAs(`datum.feature + ': ' + format(datum.importance, '.3f')`);
  return {
    ...base,
    height: { step: 16 },
    data: { values: importance.slice(0, 12) },
    transform: [d.transform],
    mark: { type: 'bar', color: OKABE_ITO.green },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title },
      ...d.encoding,
    },
  } as TopLevelSpec;
}
