import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import { columnKind } from '../grid/columnKind';
import { CONSOLE_RESULT, CONSOLE_SCHEMA } from './consoleResult';

/** The most result rows a "chart this" chart draws; the page says when there are more. */
export const CHART_ROW_CAP = 5000;

export interface ChartRows {
  /** The chosen columns of the first rows, as Arrow IPC: numbers as DOUBLE, dates and times as TIMESTAMP (epoch ms), the rest as text. */
  ipc: Uint8Array;
  /** All rows of the result, charted or not. */
  total: number;
}

/**
 * The console result's chosen columns for a chart, in the result's order, cast to what
 * Vega reads without help. Columns are checked against the result's catalog entry.
 */
export async function consoleChartRows(engine: Engine, fields: readonly string[], limit = CHART_ROW_CAP): Promise<ChartRows> {
  const types = new Map(
    (
      await engine.query(
        `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
         WHERE database_name = current_database() AND schema_name = ${quoteLiteral(CONSOLE_SCHEMA)} AND table_name = ${quoteLiteral(CONSOLE_RESULT)}`,
      )
    )
      .toArray()
      .map((r) => [String(r.name), String(r.type)]),
  );
  if (types.size === 0) throw new Error('There is no console result to chart: run a query first.');
  const wanted = [...new Set(fields)];
  if (wanted.length === 0) throw new Error('Choose at least one column to chart.');
  const select = wanted.map((name) => {
    const type = types.get(name);
    if (type === undefined) throw new Error(`The result has no column "${name}".`);
    const kind = columnKind(type);
    const target = kind === 'number' ? 'DOUBLE' : kind === 'date' || kind === 'timestamp' ? 'TIMESTAMP' : 'VARCHAR';
    return `CAST(${quoteIdent(name)} AS ${target}) AS ${quoteIdent(name)}`;
  });
  const cap = Math.max(1, Math.min(CHART_ROW_CAP, Math.floor(limit)));
  const from = qualified(CONSOLE_SCHEMA, CONSOLE_RESULT);
  const ipc = await engine.queryIPC(`SELECT ${select.join(', ')} FROM ${from} ORDER BY rowid LIMIT ${cap}`);
  const total = Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${from}`)).get(0)!.n);
  return { ipc, total };
}
