import type { Engine } from '../../engine/interface';
import { qualified, quoteLiteral } from '../../engine/sql';
import { VERSIONED_LAYERS, VERSIONS_SCHEMA } from './versionSchema';

export interface TableColumn {
  name: string;
  type: string;
}

/** A table as it is now: rows, columns and a fingerprint of its content (order-independent). */
export interface TableState {
  layer: string;
  name: string;
  rows: number;
  columns: TableColumn[];
  fingerprint: string;
}

/** A table as its latest change in the log left it. */
export interface LoggedState extends TableState {
  version: number;
  present: boolean;
  key: string[];
}

/** `silver.orders` */
export const tableId = (t: { layer: string; name: string }) => `${t.layer}.${t.name}`;

/** A versioned table's name and columns, before its content is looked at. */
export type TableColumns = Omit<TableState, 'rows' | 'fingerprint'>;

/**
 * Every versioned table with its fingerprint: the count and the sum of its rows' hashes
 * (one scan each, all in one query). Equal fingerprints mean the table did not change, so
 * only changed tables are diffed. Tables named `_…` are a load's work in progress.
 */
export async function currentStates(engine: Engine): Promise<TableState[]> {
  return fingerprints(engine, await currentColumns(engine));
}

/** Every versioned table's columns (one catalog query; no table is read). */
export async function currentColumns(engine: Engine): Promise<TableColumns[]> {
  const layers = VERSIONED_LAYERS.map(quoteLiteral).join(', ');
  const cols = await engine.query(
    `SELECT schema_name AS layer, table_name AS name, list(column_name ORDER BY column_index) AS names, list(data_type ORDER BY column_index) AS types
     FROM duckdb_columns() WHERE database_name = current_database() AND schema_name IN (${layers}) AND NOT starts_with(table_name, '_')
     GROUP BY ALL ORDER BY layer, name`,
  );
  return cols.toArray().map((r) => {
    const names = [...r.names] as string[];
    const types = [...r.types] as string[];
    return { layer: String(r.layer), name: String(r.name), columns: names.map((name, i) => ({ name, type: types[i]! })) };
  });
}

/** The tables' rows and fingerprints (see currentStates), in one query. */
export async function fingerprints(engine: Engine, tables: TableColumns[]): Promise<TableState[]> {
  if (tables.length === 0) return [];
  const prints = await engine.query(
    tables
      .map((t, i) => `SELECT ${i} AS i, count(*)::BIGINT AS n, coalesce(sum(hash(__vrow)::HUGEINT), 0)::VARCHAR AS f FROM ${qualified(t.layer, t.name)} __vrow`)
      .join(' UNION ALL '),
  );
  const byIndex = new Map(prints.toArray().map((r) => [Number(r.i), { rows: Number(r.n), fingerprint: String(r.f) }]));
  return tables.map((t, i) => ({ ...t, ...byIndex.get(i)! }));
}

/** Each table's latest logged change (present or dropped), by `layer.name`. */
export async function loggedStates(engine: Engine, upTo?: number): Promise<Map<string, LoggedState>> {
  const where = upTo === undefined ? '' : `WHERE version <= ${Math.floor(upTo)}`;
  const result = await engine.query(
    `SELECT DISTINCT ON (layer, name) version, layer, name, present, rows, fingerprint, columns, key
     FROM ${VERSIONS_SCHEMA}.changes ${where} ORDER BY layer, name, version DESC`,
  );
  const states = new Map<string, LoggedState>();
  for (const r of result.toArray()) {
    const state: LoggedState = {
      version: Number(r.version),
      layer: String(r.layer),
      name: String(r.name),
      present: Boolean(r.present),
      rows: Number(r.rows),
      fingerprint: String(r.fingerprint),
      columns: JSON.parse(String(r.columns)) as TableColumn[],
      key: JSON.parse(String(r.key)) as string[],
    };
    states.set(tableId(state), state);
  }
  return states;
}
