import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { appendTable } from '../../ingest/appendTable';
import { META_COLUMNS } from '../duplicates';
import { decideMerge, MERGE_COLUMNS } from '../mergeBatches';
import type { Model } from '../model';
import { count } from '../silverBalance';
import { replaceTableReference } from './replaceReference';
import { keepChangedKeys } from './mergedKeys';

/**
 * Brings silver.<name>, quarantine.<name> and duplicates.<name> up to date with the bronze
 * rows of batches after `afterBatch`, typing only those rows: the same tables a build from
 * all of bronze gives (mergeBatches.ts's rule), for a fraction of the work. Why it can:
 * the rule applies a key's records in batch order, and whether a later record can apply
 * (a 'u' or 'd' needs the key present) depends only on whether the key is in silver
 * now. So each key the new rows name starts from its silver row (a record of "batch 0",
 * applied first) or from nothing, and the new rows are merged after it as a full build
 * would. When a key gets a new winner, everything that named its old winner names the new
 * one (a full build points every record of a key at its last winner), and the old winner
 * joins them: a silver row that lost, or the delete record that had removed the key
 * (found by typing the lakehouse's delete records again: there are few).
 * Assumes what the models README asks of a silver model that does not reduce: each row is
 * typed from its own bronze row (and tables that did not change), so typing a batch's rows
 * alone gives the rows a full build would. Returns silver.<name>'s rows, or undefined
 * (having written nothing) when the model's columns are no longer silver's: build it whole.
 */
export async function mergeNewRows(engine: Engine, model: Model, afterBatch: number, onStage?: (model: Model, stage: string) => Promise<void>): Promise<number | undefined> {
  const { name } = model;
  const bronze = qualified('bronze', name);
  const silver = qualified('silver', name);
  const duplicates = qualified('duplicates', name);
  // The rows to type, under the bronze table's own name so that the model's SQL reads them
  // unchanged but for the schema (its implicit alias stays `<name>`).
  const rows = `temp.main.${quoteIdent(name)}`;
  // The merge's work tables are temporary: a batch's few rows need not be written to the
  // database file (in the browser, the OPFS file) only to be dropped at the end.
  const work = (suffix: string) => `temp.main.${quoteIdent(`_stage_${name}${suffix}`)}`;
  const stage = work('');
  const merge = work('_merge');
  const winners = work('_winners');
  const moved = work('_moved');
  const key = structOf(model.key);
  const modelOn = (source: string) => replaceTableReference(model.sql, 'bronze', name, source);
  try {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM ${bronze} WHERE _batch > ${afterBatch}`);
    const columns = (await engine.query(`SELECT column_name FROM (DESCRIBE (${modelOn(rows)}))`)).toArray().map((r) => String(r.column_name));
    if (!columns.includes('_reason')) throw new Error(`${model.path}: a silver model must return a _reason column (NULL for good rows)`);
    // Built whole instead (nothing is written before this point): a model that passes bronze's
    // columns through (SELECT *) returns the merge's own columns, and gets a new column when
    // a batch brings one, which silver must then get too.
    const kept = columns.filter((c) => c !== '_reason');
    const silverColumns = [...(await columnTypes(engine, 'silver', name)).keys()];
    if (kept.some((c) => MERGE_COLUMNS.includes(c)) || kept.length !== silverColumns.length || kept.some((c) => !silverColumns.includes(c))) return undefined;
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT m.*, b._batch, b._op FROM (${modelOn(rows)}) AS m
        LEFT JOIN (SELECT _source, _row, _batch, _op FROM ${rows}) AS b ON b._source = m._source AND b._row = m._row`);
    await onStage?.(model, stage);
    // Each key the new rows name (a delete names its key even when the rest is empty) starts from its silver row.
    await engine.exec(`INSERT INTO ${stage} BY NAME SELECT *, 0 AS _batch FROM ${silver}
      WHERE ${key} IN (SELECT ${key} FROM ${stage} WHERE _reason IS NULL OR _op = 'd')`);
    const data = columns.filter((c) => c !== '_reason' && !META_COLUMNS.includes(c) && !MERGE_COLUMNS.includes(c));
    const decided = await decideMerge(engine, stage, name, model.key, data);
    if (decided !== merge) throw new Error(`internal: merge table ${decided}, expected ${merge}`);

    // New rows that break a hard rule, or a change that cannot apply: quarantine (never a silver row of batch 0).
    await appendTable(engine, 'quarantine', name, `SELECT b.*, s._reason, 'silver' AS _stage FROM ${rows} AS b
      JOIN (SELECT _source, _row, _reason FROM ${stage} WHERE _reason IS NOT NULL) AS s ON b._source = s._source AND b._row = s._row`);

    // The keys whose winner is a new record: contested ones from the merge, and keys with
    // one new snapshot row and no silver row (new, or deleted before).
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${winners} AS
      SELECT _key, _source, _row, _batch, _op FROM ${merge} WHERE _winner AND _batch > 0
      UNION ALL
      SELECT ${key}, _source, _row, _batch, _op FROM ${stage}
      WHERE _reason IS NULL AND _batch > 0 AND ${key} NOT IN (SELECT _key FROM ${merge})`);
    // Their old winners: the silver row that lost, or the delete record that removed the key.
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${moved} AS
      SELECT m._source AS old_source, m._row::BIGINT AS old_row, w._source AS new_source, w._row::BIGINT AS new_row, w._op AS new_op
      FROM ${merge} AS m JOIN ${winners} AS w USING (_key) WHERE m._batch = 0 AND NOT m._winner`);
    if ((await count(engine, `SELECT count(*) FROM ${duplicates} WHERE _kind = 'delete'`)) > 0) {
      // Typed again by the model, from bronze: the delete records' keys (silver does not keep them).
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS SELECT b.* FROM ${bronze} AS b
          SEMI JOIN (SELECT _source, _row FROM ${duplicates} WHERE _kind = 'delete') AS d ON b._source = d._source AND b._row = d._row;
        INSERT INTO ${moved} SELECT d._source, d._row::BIGINT, w._source, w._row::BIGINT, w._op
        FROM (SELECT ${key} AS _key, _source, _row FROM (${modelOn(rows)})) AS d JOIN ${winners} AS w USING (_key)`);
    }
    const kind = `CASE WHEN m.new_op = 'd' THEN 'deleted' ELSE 'superseded' END`;
    await engine.exec(`UPDATE ${duplicates} AS d SET _kept_source = m.new_source, _kept_row = m.new_row, _kind = ${kind}
        FROM ${moved} AS m WHERE d._kept_source = m.old_source AND d._kept_row = m.old_row;
      UPDATE ${duplicates} AS d SET _kept_source = m.new_source, _kept_row = m.new_row, _kind = ${kind}
        FROM ${moved} AS m WHERE d._source = m.old_source AND d._row = m.old_row;
      INSERT INTO ${duplicates} BY NAME
        WITH w AS (SELECT _key, _source, _row, _batch, _op, _values FROM ${merge} WHERE _winner AND _batch > 0)
        SELECT d._source, d._row::BIGINT AS _row, w._source AS _kept_source, w._row::BIGINT AS _kept_row,
          CASE WHEN w._op = 'd' THEN 'deleted'
               WHEN d._batch = w._batch AND d._op IS NULL AND w._op IS NULL
                 THEN CASE WHEN d._values IS NOT DISTINCT FROM w._values THEN 'exact' ELSE 'conflicting' END
               ELSE 'superseded' END AS _kind
        FROM ${merge} AS d JOIN w USING (_key) WHERE NOT d._bad AND NOT d._winner
        UNION ALL
        SELECT _source, _row::BIGINT, NULL, NULL, 'delete' FROM ${winners} WHERE _op = 'd';
      DELETE FROM ${silver} WHERE (_source, _row) IN (SELECT (old_source, old_row) FROM ${moved});
      INSERT INTO ${silver} BY NAME SELECT * EXCLUDE (_reason, ${MERGE_COLUMNS.join(', ')}) FROM ${stage}
        WHERE _batch > 0 AND (_source, _row) IN (SELECT (_source, _row) FROM ${winners} WHERE _op IS DISTINCT FROM 'd')`);
    // Every silver row the merge removed or wrote has one of these keys: what the version
    // commit diffs instead of the whole table (mergedKeys.ts), hashed as its history hashes
    // silver's key columns (cast to silver's types: the stage's could differ).
    const types = await columnTypes(engine, 'silver', name);
    const keyColumns = model.key.map((k, i) => `_key.c${i}::${types.get(k)} AS ${quoteIdent(k)}`).join(', ');
    await keepChangedKeys(engine, model.id, `SELECT DISTINCT ${keyColumns} FROM ${winners}`, `hash(${model.key.map(quoteIdent).join(', ')})`);
    return await count(engine, `SELECT count(*) FROM ${silver}`);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${rows}; DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS ${merge}; DROP TABLE IF EXISTS ${winners}; DROP TABLE IF EXISTS ${moved}`);
  }
}

function structOf(columns: string[]): string {
  return `{${columns.map((c, i) => `c${i}: ${quoteIdent(c)}`).join(', ')}}`;
}
