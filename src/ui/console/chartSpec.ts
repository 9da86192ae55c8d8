import type { TopLevelSpec } from 'vega-lite';
import { columnKind } from '../../lakehouse/grid/columnKind';
import type { GridColumn } from '../../lakehouse/grid/gridTypes';
import { chartBase } from '../dashboard/specs/chartBase';
import { OKABE_ITO } from '../dashboard/specs/palette';

export type ChartMark = 'bar' | 'line' | 'point';
export const CHART_MARKS: ChartMark[] = ['bar', 'line', 'point'];

export interface ChartChoice {
  mark: ChartMark;
  x: string;
  y: string;
  color?: string;
}

/** How Vega-Lite should read a column: numbers are quantities, dates and times are time, the rest are names. */
export function encodingType(column: GridColumn): 'quantitative' | 'temporal' | 'nominal' {
  const kind = columnKind(column.type);
  if (kind === 'number') return 'quantitative';
  if (kind === 'date' || kind === 'timestamp') return 'temporal';
  return 'nominal';
}

/** A first guess: a name or time along x, the first number up y. */
export function defaultChoice(columns: readonly GridColumn[]): ChartChoice | undefined {
  if (columns.length === 0) return undefined;
  const numbers = columns.filter((c) => encodingType(c) === 'quantitative');
  const x = columns.find((c) => encodingType(c) !== 'quantitative') ?? columns[0]!;
  const y = numbers.find((c) => c !== x) ?? columns.find((c) => c !== x) ?? x;
  return { mark: encodingType(x) === 'temporal' ? 'line' : 'bar', x: x.name, y: y.name };
}

/**
 * The Vega-Lite spec for the result's rows as they are (no aggregation): one mark per row
 * for bars and points, one line through them (per colour) for lines.
 */
export function chartSpec(choice: ChartChoice, columns: readonly GridColumn[]): TopLevelSpec {
  const column = (name: string) => {
    const c = columns.find((col) => col.name === name);
    if (!c) throw new Error(`The result has no column "${name}".`);
    return c;
  };
  const field = (name: string) => ({ field: name, type: encodingType(column(name)), title: name });
  const x = field(choice.x);
  const y = field(choice.y);
  const encoding = {
    // A bar chart of names keeps the result's order rather than sorting the names.
    x: x.type === 'nominal' ? { ...x, sort: null } : x,
    y: y.type === 'nominal' ? { ...y, sort: null } : y,
    ...(choice.color ? { color: field(choice.color) } : {}),
    tooltip: [x, y, ...(choice.color ? [field(choice.color)] : [])],
  };
  const mark = choice.mark === 'line' ? { type: 'line' as const, point: true } : { type: choice.mark };
  return {
    ...chartBase,
    height: 320,
    mark: { ...mark, ...(choice.color ? {} : { color: OKABE_ITO.blue }) },
    encoding,
  } as TopLevelSpec;
}
