import type { Engine } from '../../engine/interface';
import { quoteIdent } from '../../engine/sql';
import type { Layer } from '../../pipeline/layers';

/**
 * Where the lakehouse keeps its history: a schema in the same DuckDB database as the
 * layers (so the OPFS-stored lakehouse and a CLI database file carry it with them).
 *
 * - `versions.commits`: one row per lakehouse version (time, batch, what made it).
 * - `versions.changes`: one row per table a version changed (rows added / updated /
 *   deleted, its rows, columns and key, a fingerprint that says whether it changed).
 * - `versions.<layer>__<table>`: every row version of the table with the lakehouse
 *   versions it is valid for, `_v_from <= v < _v_to` (SCD type 2 by row; `_v_to` NULL
 *   while current), `_v_hash` the row's hash and `_v_key` its identity (the hash of the
 *   model's key columns, or for tables without a key the row's occurrence among equal rows).
 * - `versions.vacuumed`: the oldest version still whole after a vacuum.
 */
export const VERSIONS_SCHEMA = 'versions';

/** The versioned layers: every table of them gets a history. */
export const VERSIONED_LAYERS: readonly Layer[] = ['bronze', 'silver', 'quarantine', 'duplicates', 'gold'];

/** The columns a history table adds to the table's own. */
export const HISTORY_COLUMNS = ['_v_from', '_v_to', '_v_hash', '_v_key'] as const;

/** What made a version: a load and its run, a re-run of some models, a rollback. */
export type VersionKind = 'batch' | 'rerun' | 'rollback';

/** `versions.silver__orders`, quoted; also the name `as_of` derives from `'silver.orders'`. */
export function historyTable(layer: string, name: string): string {
  return `${VERSIONS_SCHEMA}.${quoteIdent(`${layer}__${name}`)}`;
}

/**
 * `FROM as_of('silver.orders', 3)`: the table as it was at lakehouse version 3, for the SQL
 * console and the CLI's database file. A table macro over `query_table` (DuckDB 1.4), kept
 * in the database's main schema so that it is found without a prefix; a vacuumed version
 * fails with a message instead of returning a partial table.
 */
const AS_OF_MACRO = `CREATE OR REPLACE MACRO main.as_of(table_name, version) AS TABLE
  SELECT * EXCLUDE (${HISTORY_COLUMNS.join(', ')})
  FROM query_table('${VERSIONS_SCHEMA}.' || replace(table_name, '.', '__'))
  WHERE _v_from <= version AND (_v_to IS NULL OR _v_to > version)
    AND (version >= (SELECT coalesce(max(oldest), 0) FROM ${VERSIONS_SCHEMA}.vacuumed)
         OR error('version ' || version || ' of ' || table_name || ' was vacuumed'))`;

export async function ensureVersionSchema(engine: Engine): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${VERSIONS_SCHEMA};
    CREATE TABLE IF NOT EXISTS ${VERSIONS_SCHEMA}.commits (version INTEGER, committed_at TIMESTAMP, batch INTEGER, kind VARCHAR, restored_from INTEGER);
    CREATE TABLE IF NOT EXISTS ${VERSIONS_SCHEMA}.changes (version INTEGER, layer VARCHAR, name VARCHAR, present BOOLEAN, rows BIGINT,
      added BIGINT, updated BIGINT, deleted BIGINT, fingerprint VARCHAR, columns VARCHAR, key VARCHAR);
    CREATE TABLE IF NOT EXISTS ${VERSIONS_SCHEMA}.vacuumed (oldest INTEGER, vacuumed_at TIMESTAMP, rows_removed BIGINT);
    ${AS_OF_MACRO}`);
}

/** True when the database has a version history (one query: no schema is made by asking). */
export async function hasVersions(engine: Engine): Promise<boolean> {
  const r = await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = '${VERSIONS_SCHEMA}' AND table_name = 'commits' AND database_name = current_database()`);
  return Number(r.toArray()[0]?.n ?? 0) > 0;
}

/** A JS time as a TIMESTAMP literal (no time zones: DuckDB-WASM has no icu). */
export function timestampLiteral(at: Date): string {
  return `TIMESTAMP '${at.toISOString().replace('T', ' ').replace('Z', '')}'`;
}
