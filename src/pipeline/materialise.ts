import type { Engine } from '../engine/interface';
import { qualified, quoteIdent } from '../engine/sql';
import { appendTable } from '../ingest/appendTable';
import type { Model } from './model';

/** What materialising a silver model did to its bronze rows. */
export interface SilverBalance {
  bronze: number;
  silver: number;
  quarantined: number;
  exactDuplicates: number;
  conflictingDuplicates: number;
}

const META = ['_source', '_source_kind', '_row', '_loaded_at'];

/**
 * A silver model returns every bronze row typed, with `_reason` set on rows that break a
 * hard rule. Those go to quarantine.<name> with their raw bronze values; of the others,
 * the first row per key by `_row` (then `_source`) stays. bronze = silver + duplicates +
 * quarantine holds by construction and is returned so the runner can check it.
 */
export async function materialiseSilver(engine: Engine, model: Model): Promise<SilverBalance> {
  const stage = `main.${quoteIdent(`_stage_${model.name}`)}`;
  const bronze = qualified('bronze', model.name);
  const target = qualified('silver', model.name);
  await engine.exec(`CREATE OR REPLACE TABLE ${stage} AS ${model.sql}`);
  try {
    const columns = (await engine.query(`SELECT column_name FROM (DESCRIBE ${stage})`)).toArray().map((r) => String(r.column_name));
    if (!columns.includes('_reason')) throw new Error(`${model.path}: a silver model must return a _reason column (NULL for good rows)`);
    const data = columns.filter((c) => c !== '_reason' && !META.includes(c)).map(quoteIdent);
    // The first good row per key by (_row, _source), which is unique per bronze row. A
    // semi-join on the per-key minimum measured 2.3x faster than QUALIFY row_number()
    // on a million rows, on both engines.
    const keep = model.key.length
      ? `AND (_row, _source) IN (SELECT min((_row, _source)) FROM ${stage} WHERE _reason IS NULL GROUP BY ${model.key.map(quoteIdent).join(', ')})`
      : '';
    await engine.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT * EXCLUDE (_reason) FROM ${stage} WHERE _reason IS NULL ${keep}`);

    await engine.exec(`DELETE FROM quarantine.${quoteIdent(model.name)} WHERE _stage = 'silver'`).catch(() => undefined);
    await appendTable(engine, 'quarantine', model.name,
      `SELECT b.*, s._reason, 'silver' AS _stage FROM ${bronze} AS b JOIN ${stage} AS s USING (_source, _row) WHERE s._reason IS NOT NULL`);

    const counts = await engine.query(`SELECT
        (SELECT count(*) FROM ${bronze})::BIGINT AS bronze,
        (SELECT count(*) FROM ${target})::BIGINT AS silver,
        (SELECT count(*) FROM ${stage} WHERE _reason IS NOT NULL)::BIGINT AS quarantined,
        (SELECT count(*) FROM ${stage} WHERE _reason IS NULL)::BIGINT AS good,
        (SELECT count(*) FROM (SELECT DISTINCT ${data.join(', ')} FROM ${stage} WHERE _reason IS NULL))::BIGINT AS distinct_good`);
    const c = counts.get(0)!.toJSON();
    const [good, distinctGood, silver] = [Number(c.good), Number(c.distinct_good), Number(c.silver)];
    return {
      bronze: Number(c.bronze),
      silver,
      quarantined: Number(c.quarantined),
      exactDuplicates: good - distinctGood,
      conflictingDuplicates: distinctGood - silver,
    };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
  }
}

export async function materialiseGold(engine: Engine, model: Model): Promise<number> {
  const target = qualified('gold', model.name);
  await engine.exec(`CREATE OR REPLACE TABLE ${target} AS ${model.sql}`);
  return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${target}`)).get(0)?.n ?? 0);
}
