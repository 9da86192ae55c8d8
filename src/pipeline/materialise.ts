import type { Engine } from '../engine/interface';
import { tableExists } from '../engine/catalog';
import { qualified, quoteIdent } from '../engine/sql';
import { appendTable } from '../ingest/appendTable';
import { ABSORBED_COLUMNS, keepAbsorbedRows, META_COLUMNS, recordRepeatedRows } from './duplicates';
import { decideMerge, keptByMerge, MERGE_COLUMNS, needsMerge, recordMergedRows, withMergeColumns } from './mergeBatches';
import type { Model } from './model';
import { count } from './silverBalance';

export type { SilverBalance } from './silverBalance';

/**
 * A silver model's rows with `_reason` set break a hard rule: they go to
 * quarantine.<name> with their raw bronze values. The other rows become silver.<name>:
 * - a model that returns every bronze row typed: the first good row per key by `_row`
 *   (then `_source`); the others are recorded in duplicates.<name> against it;
 * - a model that reduces (`reduces:` in its header): its summary rows as they are, one per
 *   key; its rows of the good bronze rows a summary absorbs (`_kept_row` set) are recorded
 *   in duplicates.<name> against the summary's own.
 * Returns the rows of silver.<name>. Whether every bronze row landed in exactly one of the
 * three tables is checked afterwards from the tables themselves (rowAccounting.ts).
 * `onStage` (tests only) sees the model's whole result before it is split.
 */
export async function materialiseSilver(engine: Engine, model: Model, onStage?: (model: Model, stage: string) => Promise<void>): Promise<number> {
  const bronze = qualified('bronze', model.name);
  const silver = qualified('silver', model.name);
  // Staged next to silver.<name>, which is then made from the stage in place (rows deleted,
  // _reason dropped, renamed): copying every row again cost ~50 ms per 100k rows in WASM.
  // A reducing model's stage becomes duplicates.<name> (keepAbsorbedRows), so it is staged there.
  const stageName = `_stage_${model.name}`;
  const stage = qualified(model.reduces ? 'duplicates' : 'silver', stageName);
  // A lakehouse of several batches, or with change records, merges by key (mergeBatches.ts).
  const merging = !model.reduces && (await needsMerge(engine, model.name));
  await engine.exec(`CREATE OR REPLACE TABLE ${stage} AS ${merging ? withMergeColumns(model.sql, model.name) : model.sql}`);
  let merge: string | undefined;
  try {
    const columns = (await engine.query(`SELECT column_name FROM (DESCRIBE ${stage})`)).toArray().map((r) => String(r.column_name));
    if (!columns.includes('_reason')) throw new Error(`${model.path}: a silver model must return a _reason column (NULL for good rows)`);
    if (model.reduces && !columns.includes(model.reduces)) throw new Error(`${model.path}: reduces: ${model.reduces} is not a column the model returns`);
    if (model.reduces && !ABSORBED_COLUMNS.every((c) => columns.includes(c))) {
      throw new Error(`${model.path}: a model that reduces must return ${ABSORBED_COLUMNS.join(', ')}: on a row of each good bronze row a summary absorbs, the kept row and whether it repeats it exactly`);
    }
    await onStage?.(model, stage);
    if (merging) merge = await decideMerge(engine, stage, model.name, model.key, columns.filter((c) => c !== '_reason' && !META_COLUMNS.includes(c) && !MERGE_COLUMNS.includes(c)));

    // Asked of the catalog first: a failed DELETE would be logged to the browser's console.
    if (await tableExists(engine, 'quarantine', model.name)) await engine.exec(`DELETE FROM quarantine.${quoteIdent(model.name)} WHERE _stage = 'silver'`);
    // The bronze rows are found reading only (_source, _row), then fetched whole by rowid:
    // joining on bronze itself read every column of every row (1M rows, WASM: 97 -> 60 ms).
    await appendTable(engine, 'quarantine', model.name, `WITH hit AS (
        SELECT b.rowid AS bronze_rowid, s._reason
        FROM ${bronze} AS b JOIN (SELECT _source, _row, _reason FROM ${stage} WHERE _reason IS NOT NULL) AS s USING (_source, _row))
      SELECT b.*, hit._reason, 'silver' AS _stage FROM ${bronze} AS b JOIN hit ON b.rowid = hit.bronze_rowid`);
    const quarantined = await count(engine, `SELECT count(*) FROM ${stage} WHERE _reason IS NOT NULL`);

    let kept = '_reason IS NULL';
    const dropColumns = ['_reason'];
    if (model.reduces) {
      // Silver is the summaries alone, one row per key, copied out of the stage; the stage
      // then keeps the absorbed rows, most of it, as duplicates.<name>.
      await engine.exec(`DROP TABLE IF EXISTS ${silver};
        CREATE TABLE ${silver} AS SELECT * EXCLUDE (_reason, ${ABSORBED_COLUMNS.join(', ')}) FROM ${stage} WHERE _reason IS NULL AND _kept_row IS NULL`);
      await keepAbsorbedRows(engine, model.name, stage);
      return await count(engine, `SELECT count(*) FROM ${silver}`);
    } else if (merge) {
      await recordMergedRows(engine, model.name, merge);
      kept = keptByMerge(merge);
      dropColumns.push(...MERGE_COLUMNS);
    } else {
      const key = model.key.map(quoteIdent).join(', ');
      const repeats = await keyRepeats(engine, stage, key);
      const data = columns.filter((c) => c !== '_reason' && !META_COLUMNS.includes(c));
      await recordRepeatedRows(engine, model.name, stage, model.key, data, repeats);
      // A semi-join on the per-key minimum measured 2.3x faster than QUALIFY row_number()
      // on a million rows, on both engines. Worked out apart from duplicates.<name>, so
      // that the accounting compares two computations, not one with itself.
      if (repeats) kept += ` AND (_row, _source) IN (SELECT min((_row, _source)) FROM ${stage} WHERE _reason IS NULL GROUP BY ${key})`;
    }
    if (kept !== '_reason IS NULL' || quarantined > 0) await engine.exec(`DELETE FROM ${stage} WHERE (${kept}) IS NOT TRUE`);
    await engine.exec(`${dropColumns.map((c) => `ALTER TABLE ${stage} DROP COLUMN ${c};`).join(' ')}
      DROP TABLE IF EXISTS ${silver};
      ALTER TABLE ${stage} RENAME TO ${quoteIdent(model.name)}`);
    return await count(engine, `SELECT count(*) FROM ${silver}`);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${stage}${merge ? `; DROP TABLE IF EXISTS ${merge}` : ''}`);
  }
}

/**
 * Whether a key has more than one good row. Usually none does, and then every good row is
 * the first of its key: this GROUP BY costs a third of picking the firsts (100k rows).
 */
async function keyRepeats(engine: Engine, stage: string, key: string): Promise<boolean> {
  return (await count(engine, `SELECT count(*) FROM (SELECT 1 FROM ${stage} WHERE _reason IS NULL GROUP BY ${key} HAVING count(*) > 1)`)) > 0;
}

export async function materialiseGold(engine: Engine, model: Model): Promise<number> {
  const target = qualified('gold', model.name);
  await engine.exec(`CREATE OR REPLACE TABLE ${target} AS ${model.sql}`);
  return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${target}`)).get(0)?.n ?? 0);
}
