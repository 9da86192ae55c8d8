import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from '../dashboard/specs/chartBase';
import { OKABE_ITO } from '../dashboard/specs/palette';

/*
 * The Runs view's trend charts, in the dashboard's style (chartBase, Okabe–Ito colours,
 * sentences for screen readers). Every row carries `_key`, the run's id as text: a mark
 * opens its run, and the run that is open is highlighted. The x axis is the run's number,
 * so runs are evenly spaced however far apart they were made.
 */

/** The description field every spec's transform computes (describedAs). */
const described = describedAs('').encoding;
const runAxis = { field: 'run', type: 'ordinal' as const, title: 'Run', axis: { labelAngle: 0 } };
const small = { ...chartBase, height: 200 };

/** Wall time of each run: one bar per run, its status in the colour and the tooltip. */
export const durationSpec: TopLevelSpec = {
  ...small,
  transform: [describedAs(`'Run ' + datum.run + ': ' + ${num('seconds', 1)} + ' s, ' + datum.status`).transform],
  mark: { type: 'bar', cursor: 'pointer' },
  encoding: {
    x: runAxis,
    y: { field: 'seconds', type: 'quantitative', title: 'Duration (s)' },
    color: { field: 'status', type: 'nominal', title: 'Status', scale: { domain: ['success', 'failed', 'cancelled'], range: [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.grey] } },
    ...selectionEncoding,
    ...described,
    tooltip: [
      { field: 'run', title: 'Run' },
      { field: 'seconds', type: 'quantitative', title: 'Seconds', format: ',.2f' },
      { field: 'status', title: 'Status' },
    ],
  },
};

/** Each run's time split by model: one stacked bar per run, a segment per model it built. */
export const modelDurationSpec: TopLevelSpec = {
  ...small,
  transform: [describedAs(`'Run ' + datum.run + ': ' + datum.model + ' took ' + ${num('milliseconds')} + ' ms'`).transform],
  mark: { type: 'bar', cursor: 'pointer', stroke: 'white', strokeWidth: 0.5 },
  encoding: {
    x: runAxis,
    y: { field: 'milliseconds', type: 'quantitative', title: 'Model time (ms)', stack: 'zero' },
    color: { field: 'layer', type: 'nominal', title: 'Layer', scale: { domain: ['silver', 'gold'], range: [OKABE_ITO.skyBlue, OKABE_ITO.orange] } },
    order: { field: 'order', type: 'quantitative' },
    opacity: selectionEncoding.opacity,
    ...described,
    tooltip: [
      { field: 'run', title: 'Run' },
      { field: 'model', title: 'Model' },
      { field: 'milliseconds', type: 'quantitative', title: 'ms', format: ',' },
      { field: 'rows', type: 'quantitative', title: 'Rows', format: ',' },
    ],
  },
};

/** Rows in each layer after each run: a line per layer, a point per run. */
export const layerRowsSpec: TopLevelSpec = {
  ...small,
  transform: [describedAs(`'Run ' + datum.run + ': ' + ${num('rows')} + ' rows in ' + datum.layer`).transform],
  mark: { type: 'line', point: { filled: true, size: 50, cursor: 'pointer' } },
  encoding: {
    x: runAxis,
    y: { field: 'rows', type: 'quantitative', title: 'Rows', axis: { format: '~s' } },
    color: {
      field: 'layer',
      type: 'nominal',
      title: 'Layer',
      scale: { domain: ['bronze', 'silver', 'gold', 'quarantine', 'duplicates'], range: [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.vermillion, OKABE_ITO.purple] },
    },
    shape: { field: 'layer', type: 'nominal', title: 'Layer' },
    ...described,
    tooltip: [
      { field: 'run', title: 'Run' },
      { field: 'layer', title: 'Layer' },
      { field: 'rows', type: 'quantitative', title: 'Rows', format: ',' },
    ],
  },
};

/** Share of the expectations that ran which passed: one point per run on a line. */
export const passRateSpec: TopLevelSpec = {
  ...small,
  transform: [describedAs(`'Run ' + datum.run + ': ' + format(datum.passRate, '.1%') + ' of expectations pass, ' + datum.errors + ' errors, ' + datum.warnings + ' warnings'`).transform],
  mark: { type: 'line', color: OKABE_ITO.green, point: { filled: true, size: 60, color: OKABE_ITO.green, cursor: 'pointer' } },
  encoding: {
    x: runAxis,
    y: { field: 'passRate', type: 'quantitative', title: 'Expectations passing', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    ...described,
    tooltip: [
      { field: 'run', title: 'Run' },
      { field: 'passRate', type: 'quantitative', title: 'Pass rate', format: '.1%' },
      { field: 'errors', type: 'quantitative', title: 'Errors' },
      { field: 'warnings', type: 'quantitative', title: 'Warnings' },
    ],
  },
};

/** Rows in quarantine after each run: one bar per run. */
export const quarantineSpec: TopLevelSpec = {
  ...small,
  transform: [describedAs(`'Run ' + datum.run + ': ' + ${num('quarantined')} + ' rows in quarantine'`).transform],
  mark: { type: 'bar', color: OKABE_ITO.vermillion, cursor: 'pointer' },
  encoding: {
    x: runAxis,
    y: { field: 'quarantined', type: 'quantitative', title: 'Quarantined rows' },
    ...selectionEncoding,
    ...described,
    tooltip: [
      { field: 'run', title: 'Run' },
      { field: 'quarantined', type: 'quantitative', title: 'Rows', format: ',' },
    ],
  },
};
