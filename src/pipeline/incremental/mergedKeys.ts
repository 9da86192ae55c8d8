import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';

/**
 * The keys a silver merge touched, kept for the lakehouse's version commit (issue #15: a
 * batch must not cost a diff of every table). One row per key hash in `meta.merged_keys`:
 * `model` (silver.orders), `from_build` (the build the merge started from: the keys are
 * what changed since the table was that build's) and `key_hash` (`hash(key columns)`,
 * as src/lakehouse/versions hashes a table's key). A model's rows go when it is built
 * again, so they always describe its last build; a build that is not a merge leaves none.
 */
export const MERGED_KEYS_TABLE = 'meta.merged_keys';

/** Where a merge leaves the touched key hashes for the runner to record (this connection only). */
export const MERGED_KEYS_TEMP = 'temp.main.__merged_keys';

/**
 * The key values a merge of `model` (silver.orders) touched in this run, one column per key
 * column: what a gold model's `changed silver.orders:` line reads as `changed.keys`.
 */
export function changedKeysTable(model: string): string {
  return `temp.main."__changed_${model.replace('.', '_')}"`;
}

/**
 * The rows a gold model rebuilt by key deleted in this run (all its columns, as they were):
 * what a later gold model's `changed gold.<model>:` line reads as `changed.removed`.
 */
export function removedRowsTable(model: string): string {
  return `temp.main."__removed_${model.replace('.', '_')}"`;
}

/** Leaves the merge's touched keys for the gold models after it and its key hashes for the commit. */
export async function keepChangedKeys(engine: Engine, model: string, select: string, hashOf: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${changedKeysTable(model)} AS ${select};
    CREATE OR REPLACE TEMP TABLE ${MERGED_KEYS_TEMP} AS SELECT DISTINCT ${hashOf} AS key_hash FROM ${changedKeysTable(model)}`);
}

async function ensureTable(engine: Engine): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS meta; CREATE TABLE IF NOT EXISTS ${MERGED_KEYS_TABLE} (model VARCHAR, from_build VARCHAR, key_hash UBIGINT)`);
}

/** Whether the lakehouse keeps merged keys at all (asked once per run: a query costs ~3–4 ms in DuckDB-WASM). */
export async function hasMergedKeys(engine: Engine): Promise<boolean> {
  const r = await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = 'merged_keys'`);
  return Number(r.toArray()[0]!.n) > 0;
}

/** Before `model` is built: what an earlier build touched no longer describes it (one statement). */
export async function forgetMergedKeys(engine: Engine, model: string, kept: boolean): Promise<void> {
  await engine.exec(`DROP TABLE IF EXISTS ${MERGED_KEYS_TEMP}${kept ? `; DELETE FROM ${MERGED_KEYS_TABLE} WHERE model = ${quoteLiteral(model)}` : ''}`);
}

/** After a merge that succeeded on top of build `fromBuild`: its touched keys, from the temp table mergeNewRows left. */
export async function recordMergedKeys(engine: Engine, model: string, fromBuild: string): Promise<void> {
  await ensureTable(engine);
  await engine.exec(`INSERT INTO ${MERGED_KEYS_TABLE} SELECT ${quoteLiteral(model)}, ${quoteLiteral(fromBuild)}, key_hash FROM ${MERGED_KEYS_TEMP};
    DROP TABLE ${MERGED_KEYS_TEMP}`);
}
