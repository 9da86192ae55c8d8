import { quoteIdent } from '../../engine/sql';
import { filterSql } from './filterSql';
import { MAX_WINDOW, type GridColumn, type GridFilter, type GridSort } from './gridTypes';

/** A table the grid can page through, as the catalog describes it. */
export interface GridTarget {
  /** The table's qualified, quoted name. */
  from: string;
  columns: GridColumn[];
  /**
   * Columns that make an order total, appended after the user's sort so that windows of
   * the same order never overlap or skip rows (`_source, _row` for loaded tables, `rowid`
   * for other tables; none for a view).
   */
  tieBreak: string[];
  /** The order shown when the user has not sorted (the tie-break of loaded tables, or none). */
  defaultOrder: string[];
}

export interface WindowSql {
  rows: string;
  /**
   * The whole filtered, ordered selection (no LIMIT/OFFSET), when there is a filter or an
   * order: deep windows page through a copy of it rather than sorting again per window.
   */
  selection?: string;
  count: string;
  /** Identifies the count: the same table and filters give the same key. */
  countKey: string;
}

/**
 * The SQL for one window of a table under a sort and filters, and for the number of rows
 * the filters match. Every column is checked against the catalog's list; identifiers and
 * literals are quoted; offset and limit are whole numbers in range.
 */
export function windowSql(target: GridTarget, sort: readonly GridSort[] = [], filters: readonly GridFilter[] = [], offset: number, limit: number): WindowSql {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`A window starts at a row number ≥ 0, not ${offset}.`);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_WINDOW) throw new Error(`A window holds 1 to ${MAX_WINDOW} rows, not ${limit}.`);
  const where = filters.length ? ` WHERE ${filters.map((f) => `(${filterSql(f, target.columns)})`).join(' AND ')}` : '';
  const order = sort.map((s) => {
    if (!target.columns.some((c) => c.name === s.column)) throw new Error(`There is no column "${s.column}" to sort by.`);
    return `${quoteIdent(s.column)} ${s.desc ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  const keys = order.length ? [...order, ...target.tieBreak.map(quoteIdent)] : target.defaultOrder.map(quoteIdent);
  const orderBy = keys.length ? ` ORDER BY ${keys.join(', ')}` : '';
  const select = target.columns.map((c) => quoteIdent(c.name)).join(', ');
  return {
    rows: `SELECT ${select} FROM ${target.from}${where}${orderBy} LIMIT ${limit} OFFSET ${offset}`,
    selection: where || orderBy ? `SELECT ${select} FROM ${target.from}${where}${orderBy}` : undefined,
    count: `SELECT count(*)::BIGINT AS n FROM ${target.from}${where}`,
    countKey: `${target.from}${where}`,
  };
}
