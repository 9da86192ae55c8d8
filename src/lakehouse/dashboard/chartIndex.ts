import { quoteLiteral } from '../../engine/sql';
import type { DashboardFilter, FilterDimension } from './dashboardFilter';

/**
 * A chart's pre-aggregated index (in the spirit of Mosaic's data-cube indexes): the
 * chart's cells — its `groups` with their `measures` — for every combination of the
 * filter dimensions its rows depend on, materialized once per pipeline run from the
 * row-level dashboard tables. A click then reads the cells of one combination (tens to
 * thousands of rows) instead of aggregating the item-level tables.
 *
 * Every combination is its own GROUPING SET, so a measure need not add up over cells:
 * count(DISTINCT customer_key) is counted once per combination, exactly as the row-level
 * query under that filter counts it. `filter_set` says which dimensions a row is keyed by
 * (a bit each, FILTER_BITS); a dimension's key column is NULL where it is not.
 */
export interface ChartIndex {
  /** The table, dashboard.index_<name>. */
  name: string;
  /** The filter dimensions the chart's rows depend on (its own dimension left out). */
  dimensions: readonly FilterDimension[];
  /** The columns the chart is drawn by. */
  groups: readonly string[];
  /** Output column → an aggregate over the source rows, exact in any GROUP BY. */
  measures: Readonly<Record<string, string>>;
  /**
   * The rows the measures aggregate, with customer_state and month (DATE), the groups'
   * columns and the measures' inputs; with a `category` column when `byCategory` (the
   * rows under a category filter: an order counts in each category it has items of).
   */
  source(byCategory: boolean): string;
}

export const INDEX_SCHEMA = 'dashboard';

/** The key column of each filter dimension, in every index and every source. */
export const KEY_COLUMNS: Record<FilterDimension, string> = { customerState: 'customer_state', category: 'category', month: 'month' };
export const FILTER_BITS: Record<FilterDimension, number> = { customerState: 1, category: 2, month: 4 };
const KEY_TYPES: Record<FilterDimension, string> = { customerState: 'VARCHAR', category: 'VARCHAR', month: 'DATE' };

export const indexTable = (index: ChartIndex) => `${INDEX_SCHEMA}.index_${index.name}`;

/** Every subset of `items`, the empty one first. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

/**
 * The SQL that (re)builds the index: one GROUP BY GROUPING SETS per source (the
 * combinations without a category aggregate the rows without one; those with a category,
 * the rows by category), sorted by filter_set and keys so that a click's read of one
 * combination touches few row groups.
 */
export function indexBuildSql(index: ChartIndex): string {
  const parts: string[] = [];
  for (const byCategory of [false, true]) {
    const dimensions = index.dimensions.filter((d) => byCategory || d !== 'category');
    const sets = subsets(index.dimensions).filter((s) => s.includes('category') === byCategory);
    if (sets.length === 0) continue;
    const filterSet = index.dimensions
      .map((d) => (dimensions.includes(d) ? `(1 - GROUPING(${KEY_COLUMNS[d]})) * ${FILTER_BITS[d]}` : d === 'category' ? '0' : ''))
      .filter(Boolean);
    const keys = index.dimensions.map((d) => (dimensions.includes(d) ? KEY_COLUMNS[d] : `NULL::${KEY_TYPES[d]} AS ${KEY_COLUMNS[d]}`));
    const grouping = sets.map((s) => `(${[...s.map((d) => KEY_COLUMNS[d]), ...index.groups].join(', ')})`);
    parts.push(`SELECT (${filterSet.length ? filterSet.join(' + ') : '0'})::TINYINT AS filter_set, ${[...keys, ...index.groups].join(', ')},
  ${Object.entries(index.measures).map(([name, sql]) => `${sql} AS ${name}`).join(',\n  ')}
FROM (${index.source(byCategory)}) AS r
GROUP BY GROUPING SETS (${grouping.join(', ')})`);
  }
  const order = ['filter_set', ...index.dimensions.map((d) => KEY_COLUMNS[d]), ...index.groups];
  return `CREATE OR REPLACE TABLE ${indexTable(index)} AS
${parts.join('\nUNION ALL\n')}
ORDER BY ${order.join(', ')};`;
}

/** The filter's value for `dimension` as a SQL literal of its key column's type. */
function keyLiteral(dimension: FilterDimension, value: string): string {
  return dimension === 'month' ? `DATE ${quoteLiteral(value)}` : quoteLiteral(value);
}

/** The part of a (validated) filter the index is keyed by. */
function fixedDimensions(index: ChartIndex, filter: DashboardFilter): FilterDimension[] {
  return index.dimensions.filter((d) => filter[d] !== undefined);
}

/** The chart's cells under the filter, read from the index: columns groups, then measures. */
export function indexCells(index: ChartIndex, filter: DashboardFilter): string {
  const fixed = fixedDimensions(index, filter);
  const conditions = [`i.filter_set = ${fixed.reduce((bits, d) => bits + FILTER_BITS[d], 0)}`, ...fixed.map((d) => `i.${KEY_COLUMNS[d]} = ${keyLiteral(d, filter[d]!)}`)];
  const columns = [...index.groups, ...Object.keys(index.measures)].map((c) => `i.${c}`);
  return `SELECT ${columns.join(', ')}
  FROM ${indexTable(index)} AS i
  WHERE ${conditions.join(' AND ')}`;
}

/**
 * The same cells aggregated from the row-level tables under the filter: the query the
 * index replaces, kept as the reference the tests hold every index to.
 */
export function rowLevelCells(index: ChartIndex, filter: DashboardFilter): string {
  const fixed = fixedDimensions(index, filter);
  const conditions = fixed.map((d) => `r.${KEY_COLUMNS[d]} = ${keyLiteral(d, filter[d]!)}`);
  const measures = Object.entries(index.measures).map(([name, sql]) => `${sql} AS ${name}`);
  return `SELECT ${[...index.groups.map((g) => `r.${g}`), ...measures].join(', ')}
  FROM (${index.source(fixed.includes('category'))}) AS r
  ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
  GROUP BY ${index.groups.map((g) => `r.${g}`).join(', ')}`;
}
