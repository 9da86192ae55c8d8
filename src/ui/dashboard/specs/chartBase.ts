import type { Config } from 'vega-lite';
import { SELECTED_STROKE } from './palette';

/** The dataset every chart reads: its rows are pushed in with view.data(ROWS, …), never fetched. */
export const ROWS = 'rows';

/**
 * The value of the chart's own filter dimension, or null. React sets it (view.signal), so a
 * filter chosen from a select box is highlighted the same as one chosen by a click.
 */
export const SELECTED = 'selected';

/** Each row's filter value, copied by the page so that Vega's parsing of e.g. dates cannot change it. */
export const KEY = '_key';

const isSelected = `${SELECTED} !== null && datum.${KEY} === ${SELECTED}`;
const nothingSelected = `${SELECTED} === null`;

/** Shared by every chart: inline data, the selection parameter, the container's width. */
export const chartBase = {
  data: { name: ROWS },
  params: [{ name: SELECTED, value: null }],
  width: 'container' as const,
  height: 260,
  autosize: { type: 'fit' as const, contains: 'padding' as const },
};

/** Marks of the selected value at full strength and outlined, the others faded; all full when none is. */
export const selectionEncoding = {
  opacity: { condition: { test: `${nothingSelected} || ${isSelected}`, value: 1 }, value: 0.3 },
  stroke: { condition: { test: isSelected, value: SELECTED_STROKE }, value: null },
  strokeWidth: { condition: { test: isSelected, value: 2 }, value: 0 },
} as const;

/**
 * What a screen reader says for a mark (its aria-label), as a Vega expression over the
 * row: a sentence with units, instead of Vega-Lite's default list of every encoded field.
 */
export function describedAs(expression: string) {
  return {
    transform: { calculate: expression, as: DESCRIPTION },
    encoding: { description: { field: DESCRIPTION, type: 'nominal' as const } },
  };
}

const DESCRIPTION = 'description';

/** Vega expression: a number with thousands separators and `digits` decimals. */
export const num = (field: string, digits = 0) => `format(datum.${field}, ',.${digits}f')`;

/** The app's typography and quiet axes. */
export const chartConfig: Config = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  view: { stroke: null },
  axis: { labelColor: '#3c4854', titleColor: '#1d2733', titleFontWeight: 600, gridColor: '#e4e9ef', domainColor: '#b6c2cf', tickColor: '#b6c2cf', labelFontSize: 11, titleFontSize: 12 },
  legend: { labelColor: '#3c4854', titleColor: '#1d2733', labelFontSize: 11, titleFontSize: 12 },
};
