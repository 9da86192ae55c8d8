import type { Engine } from '../../engine/interface';
import { quoteIdent } from '../../engine/sql';
import type { Layer } from '../../pipeline/layers';
import { loggedStates, type TableColumn } from './tableState';
import { checkVersion } from './versionLog';
import { historyTable } from './versionSchema';

/** A table as it was at a version, and the SELECT that reads it there. */
export interface TableAsOf {
  layer: Layer;
  name: string;
  rows: number;
  columns: TableColumn[];
  sql: string;
}

/** The rows of the table's history valid at `version`, with its columns as they were then (types cast back). */
export function asOfSql(layer: string, name: string, columns: TableColumn[], version: number): string {
  const select = columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ');
  const order = columns.some((c) => c.name === '_source') && columns.some((c) => c.name === '_row') ? ' ORDER BY _source, _row' : '';
  return `SELECT ${select} FROM ${historyTable(layer, name)} WHERE _v_from <= ${version} AND (_v_to IS NULL OR _v_to > ${version})${order}`;
}

/**
 * Every table the lakehouse had at `version`, each with the SELECT that reads it as it was
 * (what the CLI's `--as-of` exports and a rollback restores).
 */
export async function tablesAsOf(engine: Engine, version: number): Promise<TableAsOf[]> {
  await checkVersion(engine, version);
  const states = await loggedStates(engine, version);
  return [...states.values()]
    .filter((s) => s.present)
    .map((s) => ({ layer: s.layer as Layer, name: s.name, rows: s.rows, columns: s.columns, sql: asOfSql(s.layer, s.name, s.columns, version) }));
}
