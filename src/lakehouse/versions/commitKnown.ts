import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import type { RowCounts } from './commitTable';
import type { LoggedState } from './tableState';
import { historyTable } from './versionSchema';

/**
 * A table's new version worked out from only the rows that can have changed (knownChanges.ts),
 * giving the same history rows, counts and fingerprint as commitTable's whole-table diff:
 * the fingerprint is a sum of row hashes, so it moves by the hashes of the rows added and
 * closed. Undefined (nothing written) when the table is not as the knowledge assumes: then
 * the caller diffs it whole.
 */
export interface KnownCommit extends RowCounts {
  rows: number;
  fingerprint: string;
}

const num = (engine: Engine, sql: string) => engine.query(sql).then((r) => r.toArray()[0]!);
const shifted = (fingerprint: string, by: unknown) => (BigInt(fingerprint) + BigInt(String(by))).toString();

/**
 * Bronze, which only appends: the rows of batches after `afterBatch` are new, provided the
 * others still count as many as the last version logged. Without a key, a row's identity is
 * its occurrence among equal rows: a new copy of a row follows the copies already open.
 */
export async function commitAppended(engine: Engine, before: LoggedState, afterBatch: number, version: number): Promise<KnownCommit | undefined> {
  if (before.key.length > 0 || !before.columns.some((c) => c.name === '_batch')) return undefined;
  const table = qualified(before.layer, before.name);
  const c = await num(engine, `SELECT count(*) FILTER (WHERE _batch <= ${afterBatch})::BIGINT AS old, count(*) FILTER (WHERE _batch > ${afterBatch})::BIGINT AS new,
      count(*) FILTER (WHERE _batch IS NULL)::BIGINT AS unbatched FROM ${table}`);
  if (Number(c.unbatched) > 0 || Number(c.old) !== before.rows) return undefined;
  const added = Number(c.new);
  if (added === 0) return { added: 0, updated: 0, deleted: 0, rows: before.rows, fingerprint: before.fingerprint };
  const history = historyTable(before.layer, before.name);
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_new AS SELECT *, hash(__vrow) AS _v_hash FROM ${table} __vrow WHERE _batch > ${afterBatch}`);
  try {
    const sum = await num(engine, `SELECT coalesce(sum(_v_hash::HUGEINT), 0)::VARCHAR AS s FROM __v_new`);
    await engine.exec(`INSERT INTO ${history} BY NAME
      SELECT n.*, (coalesce(o.n, 0) + row_number() OVER (PARTITION BY n._v_hash))::UBIGINT AS _v_key, ${version} AS _v_from
      FROM __v_new n LEFT JOIN (SELECT _v_hash, count(*) AS n FROM ${history} WHERE _v_to IS NULL AND _v_hash IN (SELECT _v_hash FROM __v_new) GROUP BY ALL) o USING (_v_hash)`);
    return { added, updated: 0, deleted: 0, rows: before.rows + added, fingerprint: shifted(before.fingerprint, sum.s) };
  } finally {
    await engine.exec('DROP TABLE IF EXISTS __v_new');
  }
}

/**
 * A table merged by its key: only rows whose key is among `touched` (a SELECT of key
 * hashes) can differ from the last version. Both sides are compared on those keys alone;
 * the key must still be unique there (elsewhere nothing changed since it was).
 */
export async function commitMergedKeys(engine: Engine, before: LoggedState, touched: string, version: number): Promise<KnownCommit | undefined> {
  if (before.key.length === 0) return undefined;
  const table = qualified(before.layer, before.name);
  const history = historyTable(before.layer, before.name);
  const keyHash = `hash(${before.key.map(quoteIdent).join(', ')})`;
  const rowsOf = (keys: string) => `SELECT *, hash(__vrow) AS _v_hash, ${keyHash} AS _v_key FROM ${table} __vrow WHERE ${keyHash} IN (${keys})`;
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_touched AS ${touched};
    CREATE OR REPLACE TEMP TABLE __v_now AS SELECT _v_key, _v_hash FROM (${rowsOf('SELECT key_hash FROM __v_touched')});
    CREATE OR REPLACE TEMP TABLE __v_open AS SELECT _v_key, _v_hash FROM ${history} WHERE _v_to IS NULL AND _v_key IN (SELECT key_hash FROM __v_touched)`);
  try {
    const unique = await num(engine, `SELECT count(*) = count(DISTINCT _v_key) AS ok FROM __v_now`);
    if (!unique.ok) return undefined;
    await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_gone AS SELECT * FROM __v_open o WHERE NOT EXISTS (SELECT 1 FROM __v_now n WHERE n._v_key = o._v_key AND n._v_hash = o._v_hash);
      CREATE OR REPLACE TEMP TABLE __v_new AS SELECT * FROM __v_now n WHERE NOT EXISTS (SELECT 1 FROM __v_open o WHERE n._v_key = o._v_key AND n._v_hash = o._v_hash)`);
    const c = await num(
      engine,
      `SELECT (SELECT count(*) FROM __v_new)::BIGINT AS inserted, (SELECT count(*) FROM __v_gone)::BIGINT AS closed,
              (SELECT count(*) FROM __v_new n WHERE n._v_key IN (SELECT _v_key FROM __v_gone))::BIGINT AS both,
              ((SELECT coalesce(sum(_v_hash::HUGEINT), 0) FROM __v_new) - (SELECT coalesce(sum(_v_hash::HUGEINT), 0) FROM __v_gone))::VARCHAR AS delta,
              (SELECT count(*) FROM ${table})::BIGINT AS rows`,
    );
    await engine.exec(`UPDATE ${history} h SET _v_to = ${version} FROM __v_gone g WHERE h._v_to IS NULL AND h._v_key = g._v_key AND h._v_hash = g._v_hash;
      INSERT INTO ${history} BY NAME SELECT r.*, ${version} AS _v_from FROM (${rowsOf('SELECT _v_key FROM __v_new')}) r SEMI JOIN __v_new n ON r._v_key = n._v_key AND r._v_hash = n._v_hash`);
    const updated = Number(c.both);
    return { added: Number(c.inserted) - updated, updated, deleted: Number(c.closed) - updated, rows: Number(c.rows), fingerprint: shifted(before.fingerprint, c.delta) };
  } finally {
    await engine.exec('DROP TABLE IF EXISTS __v_touched; DROP TABLE IF EXISTS __v_now; DROP TABLE IF EXISTS __v_open; DROP TABLE IF EXISTS __v_gone; DROP TABLE IF EXISTS __v_new');
  }
}
