import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import type { LoggedState, TableColumn, TableColumns, TableState } from './tableState';
import { historyTable, VERSIONS_SCHEMA } from './versionSchema';

export interface RowCounts {
  added: number;
  updated: number;
  deleted: number;
}

/**
 * The table's rows with `_v_hash` (the whole row) and `_v_key` (its identity): the key
 * columns' hash, or without a key the row's occurrence among equal rows, so that a table
 * with repeated rows keeps them all.
 */
export function hashedRows(t: Pick<TableState, 'layer' | 'name'>, key: string[]): string {
  const table = qualified(t.layer, t.name);
  if (key.length > 0) return `SELECT *, hash(__vrow) AS _v_hash, hash(${key.map(quoteIdent).join(', ')}) AS _v_key FROM ${table} __vrow`;
  return `SELECT *, row_number() OVER (PARTITION BY _v_hash)::UBIGINT AS _v_key FROM (SELECT *, hash(__vrow) AS _v_hash FROM ${table} __vrow)`;
}

/** The key to diff by: the model's, when the table has its columns and no two rows share it. */
export async function usableKey(engine: Engine, t: TableState, key: string[] | undefined): Promise<string[]> {
  if (!key?.length || !key.every((k) => t.columns.some((c) => c.name === k))) return [];
  const cols = key.map(quoteIdent).join(', ');
  const r = await engine.query(`SELECT count(*)::BIGINT AS n FROM (SELECT DISTINCT ${cols} FROM ${qualified(t.layer, t.name)})`);
  return Number(r.toArray()[0]!.n) === t.rows ? key : [];
}

const ident = (v: unknown) => Number(v);

/**
 * Commits version `version` of one changed table: rows no longer there (or changed) get
 * `_v_to = version`, new and changed rows are inserted from `version` on. Returns what
 * changed: with a key, a key both closed and inserted is an update.
 */
export async function commitTable(engine: Engine, t: TableState, key: string[], version: number, loggedColumns?: TableColumn[]): Promise<RowCounts> {
  const history = historyTable(t.layer, t.name);
  if (!loggedColumns) {
    await engine.exec(`CREATE OR REPLACE TABLE ${history} AS SELECT *, ${version} AS _v_from, NULL::INTEGER AS _v_to FROM (${hashedRows(t, key)})`);
    return { added: t.rows, updated: 0, deleted: 0 };
  }
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_now AS SELECT _v_key, _v_hash FROM (${hashedRows(t, key)})`);
  return diffNow(engine, t, key, version);
}

/**
 * A table a model rebuilt since the last commit (knownChanges.ts: nearly always changed),
 * hashed once: its rows' hashes give the fingerprint, the row count and whether the
 * declared key is unique (by its hash), and are then diffed against the history — where
 * commitVersion would scan it three times (fingerprint, key check, diff). The same log as
 * that path: null when its content and key are as logged, else the state, key and counts.
 */
export async function commitRebuilt(engine: Engine, t: TableColumns, before: LoggedState, declared: string[], version: number): Promise<{ state: TableState; key: string[]; counts: RowCounts } | null> {
  let key = declared.length > 0 && declared.every((k) => t.columns.some((c) => c.name === k)) ? declared : [];
  let now = await hashNow(engine, t, key);
  if (key.length > 0 && now.keys !== now.rows) {
    key = [];
    now = await hashNow(engine, t, key);
  }
  const state: TableState = { ...t, rows: now.rows, fingerprint: now.fingerprint };
  const same = before.fingerprint === state.fingerprint && before.rows === state.rows && JSON.stringify(before.columns) === JSON.stringify(t.columns) && JSON.stringify(before.key) === JSON.stringify(key);
  if (same) {
    await engine.exec('DROP TABLE __v_now');
    return null;
  }
  return { state, key, counts: await diffNow(engine, state, key, version) };
}

/** Leaves the table's row hashes in __v_now; returns its rows, distinct keys and fingerprint (the sum of the row hashes, as tableState.ts). */
async function hashNow(engine: Engine, t: Pick<TableState, 'layer' | 'name'>, key: string[]): Promise<{ rows: number; keys: number; fingerprint: string }> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_now AS SELECT _v_key, _v_hash FROM (${hashedRows(t, key)})`);
  const r = (await engine.query(`SELECT count(*)::BIGINT AS n, count(DISTINCT _v_key)::BIGINT AS k, coalesce(sum(_v_hash::HUGEINT), 0)::VARCHAR AS f FROM __v_now`)).toArray()[0]!;
  return { rows: Number(r.n), keys: Number(r.k), fingerprint: String(r.f) };
}

/** The diff of __v_now (the table's row hashes now) against the history's open rows, written as version `version`. */
async function diffNow(engine: Engine, t: TableState, key: string[], version: number): Promise<RowCounts> {
  const history = historyTable(t.layer, t.name);
  await widenHistory(engine, t, history);
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_open AS SELECT _v_key, _v_hash FROM ${history} WHERE _v_to IS NULL;
    CREATE OR REPLACE TEMP TABLE __v_gone AS SELECT * FROM __v_open o WHERE NOT EXISTS (SELECT 1 FROM __v_now n WHERE n._v_key = o._v_key AND n._v_hash = o._v_hash);
    CREATE OR REPLACE TEMP TABLE __v_new AS SELECT * FROM __v_now n WHERE NOT EXISTS (SELECT 1 FROM __v_open o WHERE n._v_key = o._v_key AND n._v_hash = o._v_hash)`);
  const counts = await engine.query(
    `SELECT (SELECT count(*) FROM __v_new)::BIGINT AS inserted, (SELECT count(*) FROM __v_gone)::BIGINT AS closed,
            (SELECT count(*) FROM __v_new n WHERE n._v_key IN (SELECT _v_key FROM __v_gone))::BIGINT AS both`,
  );
  const c = counts.toArray()[0]!;
  const updated = key.length > 0 ? ident(c.both) : 0;
  await engine.exec(`UPDATE ${history} h SET _v_to = ${version} FROM __v_gone g WHERE h._v_to IS NULL AND h._v_key = g._v_key AND h._v_hash = g._v_hash;
    INSERT INTO ${history} BY NAME SELECT r.*, ${version} AS _v_from FROM (${hashedRows(t, key)}) r SEMI JOIN __v_new n ON r._v_key = n._v_key AND r._v_hash = n._v_hash;
    DROP TABLE __v_now; DROP TABLE __v_open; DROP TABLE __v_gone; DROP TABLE __v_new`);
  return { added: ident(c.inserted) - updated, updated, deleted: ident(c.closed) - updated };
}

/** A dropped table: every current row ends at `version`. */
export async function closeTable(engine: Engine, layer: string, name: string, version: number): Promise<number> {
  const history = historyTable(layer, name);
  const r = await engine.query(`SELECT count(*)::BIGINT AS n FROM ${history} WHERE _v_to IS NULL`);
  await engine.exec(`UPDATE ${history} SET _v_to = ${version} WHERE _v_to IS NULL`);
  return Number(r.toArray()[0]!.n);
}

/**
 * New columns are added to the history (NULL in older row versions); a column whose type
 * changed becomes VARCHAR there, and a rollback casts it back to the type it had.
 */
async function widenHistory(engine: Engine, t: TableState, history: string): Promise<void> {
  const r = await engine.query(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = '${VERSIONS_SCHEMA}' AND table_name = '${`${t.layer}__${t.name}`.replaceAll("'", "''")}'`,
  );
  const have = new Map(r.toArray().map((c) => [String(c.name), String(c.type)]));
  const alter: string[] = [];
  for (const c of t.columns) {
    const type = have.get(c.name);
    if (type === undefined) alter.push(`ALTER TABLE ${history} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
    else if (type !== c.type && type !== 'VARCHAR') alter.push(`ALTER TABLE ${history} ALTER COLUMN ${quoteIdent(c.name)} SET DATA TYPE VARCHAR`);
  }
  if (alter.length) await engine.exec(alter.join('; '));
}
