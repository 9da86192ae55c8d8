import { columnTypes } from '../engine/catalog';
import type { Engine } from '../engine/interface';
import { qualified, quoteIdent } from '../engine/sql';
import { count } from './silverBalance';

/**
 * Silver merges the batches of a lakehouse by key (issue #15). For each key, its good
 * records are put in the order they apply:
 *   1. by batch (`_batch`), earlier first;
 *   2. within a batch, snapshot rows (`_op` NULL) before change records;
 *   3. snapshot rows of one batch so that the first by (`_row`, `_source`) applies last —
 *      today's rule, the first row of a key wins within a load;
 *   4. change records of one batch in file order, (`_source`, `_row`): the last change wins.
 * The last record applied wins: silver holds it, unless it is a delete ('d'), and then
 * the key is not in silver. An update ('u') or delete ('d') of a key that is not there
 * at that point (no earlier insert, snapshot row or read of it, or deleted since) cannot
 * apply: it goes to quarantine with a reason naming its file and line.
 * Every other good record goes to duplicates.<name> against the record that won:
 *   'exact' / 'conflicting' — a snapshot row of the same batch as a snapshot winner (as before);
 *   'superseded' — replaced by a later batch or a later change;
 *   'deleted' — its key's winner is a delete, which it names;
 *   'delete' — the winning delete record itself (it names no kept row).
 * `_batch` and `_op` are the stage columns the merge reads, taken from bronze by
 * (`_source`, `_row`); silver does not keep them.
 */
export const MERGE_COLUMNS = ['_batch', '_op'];

/**
 * Whether bronze.<name> holds more than one batch or any change record: only then does
 * silver need the merge; otherwise every row is of one snapshot load and today's rule
 * (first by `_row`) is the whole of it.
 */
export async function needsMerge(engine: Engine, name: string): Promise<boolean> {
  const columns = await columnTypes(engine, 'bronze', name);
  if (!columns.has('_batch') || !columns.has('_op')) return false;
  return (await count(engine, `SELECT (count(DISTINCT _batch) > 1 OR count(_op) > 0)::INTEGER FROM ${qualified('bronze', name)}`)) > 0;
}

/** The model's rows with their bronze `_batch` and `_op`, for the stage table. */
export function withMergeColumns(modelSql: string, name: string): string {
  return `SELECT m.*, b._batch, b._op FROM (${modelSql}) AS m
    LEFT JOIN (SELECT _source, _row, _batch, _op FROM ${qualified('bronze', name)}) AS b ON b._source = m._source AND b._row = m._row`;
}

/**
 * Decides the merge on the stage: a delete record is good whatever its other columns hold
 * (they are the row's before image) as long as it names its key; updates and deletes of
 * keys that are not there get a `_reason`. Leaves `<stage>_merge` (dropped by the caller
 * through its finally) with one row per good record of a contested key: its place `_pos`, `_bad`, `_winner`.
 */
export async function decideMerge(engine: Engine, stage: string, name: string, keyColumns: string[], dataColumns: string[]): Promise<string> {
  const merge = `${stage.slice(0, -1)}_merge"`;
  const keyPresent = keyColumns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
  await engine.exec(`UPDATE ${stage} SET _reason = NULL WHERE _op = 'd' AND _reason IS NOT NULL AND ${keyPresent}`);
  const key = structOf(keyColumns);
  const keyText = keyColumns.map((c) => `'${c} ' || coalesce(${quoteIdent(c)}::VARCHAR, 'NULL')`).join(` || ', ' || `);
  const applied = `_batch, _op IS NOT NULL,
    CASE WHEN _op IS NULL THEN _row END DESC, CASE WHEN _op IS NULL THEN _source END DESC,
    CASE WHEN _op IS NOT NULL THEN _source END, CASE WHEN _op IS NOT NULL THEN _row END`;
  // Only contested keys are ordered: those with more than one good record or any change
  // record (a lone 'u' or 'd' must be judged). A key with one snapshot row simply keeps it:
  // usually nearly all keys, and ranking them all measured most of the merge's time.
  // A stage in the temp catalog (an incremental merge's) gets a temporary merge table beside it.
  await engine.exec(`CREATE OR REPLACE ${merge.startsWith('temp.') ? 'TEMP ' : ''}TABLE ${merge} AS
    WITH contested AS (
      SELECT ${key} AS _key FROM ${stage} WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1 OR count(_op) > 0
    ),
    ordered AS (
      SELECT _source, _row, coalesce(_batch, 0) AS _batch, _op, ${key} AS _key, ${structOf(dataColumns)} AS _values, ${keyText} AS _key_text,
        row_number() OVER (PARTITION BY ${key} ORDER BY ${applied}) AS _pos
      FROM ${stage} WHERE _reason IS NULL AND ${key} IN (SELECT _key FROM contested)
    ),
    placed AS (
      SELECT *,
        max(CASE WHEN _op IS NULL OR _op NOT IN ('u', 'd') THEN _pos END) OVER earlier AS _last_upsert,
        max(CASE WHEN _op = 'd' THEN _pos END) OVER earlier AS _last_delete
      FROM ordered
      WINDOW earlier AS (PARTITION BY _key ORDER BY _pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ),
    judged AS (
      SELECT _source, _row, _batch, _op, _key, _values, _key_text, _pos,
        coalesce(_op IN ('u', 'd') AND NOT (_last_upsert IS NOT NULL AND (_last_delete IS NULL OR _last_delete < _last_upsert)), false) AS _bad
      FROM placed
    )
    SELECT *, NOT _bad AND _pos = max(CASE WHEN NOT _bad THEN _pos END) OVER (PARTITION BY _key) AS _winner FROM judged`);
  // Change records keep their line in `_line` (src/ingest/cdc): `_row` is their order in the
  // file, which a key-changing update (a delete and an insert from one line) makes differ.
  const hasLine = (await columnTypes(engine, 'bronze', name)).has('_line');
  const where = hasLine
    ? `' line ' || coalesce((SELECT b._line FROM ${qualified('bronze', name)} AS b WHERE b._source = m._source AND b._row = m._row)::VARCHAR, '?') || ' (change ' || m._row || ')'`
    : `' line ' || m._row`;
  await engine.exec(`UPDATE ${stage} AS s SET _reason = CASE m._op WHEN 'u' THEN 'update' ELSE 'delete' END
      || ' of a key that is not in the lakehouse (' || m._key_text || '): ' || m._source || ${where}
    FROM ${merge} AS m WHERE m._bad AND s._source = m._source AND s._row = m._row`);
  return merge;
}

/** duplicates.<name> from the merge: every good record that did not win, against the one that did. */
export async function recordMergedRows(engine: Engine, name: string, merge: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TABLE ${qualified('duplicates', name)} AS
    WITH winners AS (SELECT _key, _source, _row, _batch, _op, _values FROM ${merge} WHERE _winner)
    SELECT d._source, d._row::BIGINT AS _row, w._source AS _kept_source, w._row::BIGINT AS _kept_row,
      CASE WHEN w._op = 'd' THEN 'deleted'
           WHEN d._batch = w._batch AND d._op IS NULL AND w._op IS NULL
             THEN CASE WHEN d._values IS NOT DISTINCT FROM w._values THEN 'exact' ELSE 'conflicting' END
           ELSE 'superseded' END AS _kind
    FROM ${merge} AS d JOIN winners AS w USING (_key) WHERE NOT d._bad AND NOT d._winner
    UNION ALL
    SELECT _source, _row::BIGINT, NULL, NULL, 'delete' FROM winners WHERE _op = 'd'`);
}

/**
 * The condition that keeps a stage row in silver: a good row that is not a contested
 * record that lost or a winning delete (uncontested keys are not in the merge table).
 */
export function keptByMerge(merge: string): string {
  return `_reason IS NULL AND (_source, _row) NOT IN (SELECT (_source, _row) FROM ${merge} WHERE NOT _winner OR _op = 'd')`;
}

function structOf(columns: string[]): string {
  return `{${columns.map((c, i) => `c${i}: ${quoteIdent(c)}`).join(', ')}}`;
}
