import type { Engine } from '../engine/interface';
import { qualified, quoteIdent } from '../engine/sql';
import { appendTable } from '../ingest/appendTable';
import type { Model } from './model';
import { META_COLUMNS, perRowBalance, reducedBalance, type SilverBalance, type SilverTables } from './silverBalance';

export type { SilverBalance } from './silverBalance';

/**
 * A silver model's rows with `_reason` set break a hard rule: they go to
 * quarantine.<name> with their raw bronze values. The other rows become silver.<name>:
 * - a model that returns every bronze row typed: the first good row per key by `_row`
 *   (then `_source`), which is unique per bronze row;
 * - a model that reduces (`reduces:` in its header): its good rows as they are, one per key.
 * bronze = silver + duplicates + quarantine is returned so the runner can check it.
 */
export async function materialiseSilver(engine: Engine, model: Model): Promise<SilverBalance> {
  const t: SilverTables = {
    bronze: qualified('bronze', model.name),
    stage: `main.${quoteIdent(`_stage_${model.name}`)}`,
    silver: qualified('silver', model.name),
  };
  await engine.exec(`CREATE OR REPLACE TABLE ${t.stage} AS ${model.sql}`);
  try {
    const columns = (await engine.query(`SELECT column_name FROM (DESCRIBE ${t.stage})`)).toArray().map((r) => String(r.column_name));
    if (!columns.includes('_reason')) throw new Error(`${model.path}: a silver model must return a _reason column (NULL for good rows)`);
    if (model.reduces && !columns.includes(model.reduces)) throw new Error(`${model.path}: reduces: ${model.reduces} is not a column the model returns`);
    const keep = model.reduces || !(await keyRepeats(engine, t.stage, model.key))
      ? ''
      // A semi-join on the per-key minimum measured 2.3x faster than QUALIFY row_number()
      // on a million rows, on both engines.
      : `AND (_row, _source) IN (SELECT min((_row, _source)) FROM ${t.stage} WHERE _reason IS NULL GROUP BY ${model.key.map(quoteIdent).join(', ')})`;
    await engine.exec(`CREATE OR REPLACE TABLE ${t.silver} AS SELECT * EXCLUDE (_reason) FROM ${t.stage} WHERE _reason IS NULL ${keep}`);

    await engine.exec(`DELETE FROM quarantine.${quoteIdent(model.name)} WHERE _stage = 'silver'`).catch(() => undefined);
    await appendTable(engine, 'quarantine', model.name,
      `SELECT b.*, s._reason, 'silver' AS _stage FROM ${t.bronze} AS b JOIN ${t.stage} AS s USING (_source, _row) WHERE s._reason IS NOT NULL`);

    if (model.reduces) return await reducedBalance(engine, t, model.reduces);
    return await perRowBalance(engine, t, columns.filter((c) => c !== '_reason' && !META_COLUMNS.includes(c)));
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${t.stage}`);
  }
}

/**
 * Whether a key has more than one good row. Usually none does, and then every good row is
 * the first of its key: this GROUP BY costs a third of picking the firsts (100k rows).
 */
async function keyRepeats(engine: Engine, stage: string, key: string[]): Promise<boolean> {
  const repeated = `SELECT 1 FROM ${stage} WHERE _reason IS NULL GROUP BY ${key.map(quoteIdent).join(', ')} HAVING count(*) > 1`;
  return Number((await engine.query(`SELECT count(*)::INTEGER AS n FROM (${repeated})`)).get(0)?.n ?? 0) > 0;
}

export async function materialiseGold(engine: Engine, model: Model): Promise<number> {
  const target = qualified('gold', model.name);
  await engine.exec(`CREATE OR REPLACE TABLE ${target} AS ${model.sql}`);
  return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${target}`)).get(0)?.n ?? 0);
}
