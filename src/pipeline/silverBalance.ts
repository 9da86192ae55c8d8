import type { Engine } from '../engine/interface';
import { quoteIdent } from '../engine/sql';

/** Where the bronze rows of a silver model went: bronze = silver + duplicates + quarantined. */
export interface SilverBalance {
  bronze: number;
  silver: number;
  quarantined: number;
  exactDuplicates: number;
  conflictingDuplicates: number;
}

/** The bronze columns every layer carries; the others are a row's data. */
export const META_COLUMNS = ['_source', '_source_kind', '_row', '_loaded_at'];

/** A model's good bronze rows (those silver kept, plus the duplicates) and how many differ. */
export interface GoodRows {
  good: number;
  distinct: number;
}

/**
 * For a model that returns every bronze row: its good rows are the staged rows without a
 * `_reason`, and silver keeps the first per key. A duplicate is exact when its typed data
 * columns all equal those of another good row. When no key repeats there are no
 * duplicates, and no DISTINCT needs to run.
 */
export async function perRowGoodRows(engine: Engine, stage: string, dataColumns: string[], keyRepeats: boolean): Promise<GoodRows> {
  const good = await count(engine, `SELECT count(*) FROM ${stage} WHERE _reason IS NULL`);
  if (!keyRepeats) return { good, distinct: good };
  const distinct = await count(engine, `SELECT count(*) FROM (SELECT DISTINCT ${dataColumns.map(quoteIdent).join(', ')} FROM ${stage} WHERE _reason IS NULL)`);
  return { good, distinct };
}

/**
 * For a model that reduces (README.md, `reduces:`): each of its good rows stands for
 * `countColumn` good bronze rows, and the others beyond one per key are duplicates. The
 * model's per-row values are not kept, so a duplicate is exact when its bronze row, as
 * loaded, equals another good bronze row in every data column. The balance is checked
 * against the model's own count, so rows it loses make it fail.
 */
export async function reducedGoodRows(engine: Engine, bronze: string, stage: string, countColumn: string): Promise<GoodRows> {
  const row = (await engine.query(`SELECT coalesce(sum(${quoteIdent(countColumn)}), 0)::BIGINT AS good, count(*)::BIGINT AS kept
      FROM ${stage} WHERE _reason IS NULL`)).get(0)!.toJSON();
  const good = Number(row.good);
  if (good === Number(row.kept)) return { good, distinct: good };
  const bronzeColumns = (await engine.query(`SELECT column_name FROM (DESCRIBE ${bronze})`)).toArray().map((r) => String(r.column_name));
  const data = bronzeColumns.filter((c) => !META_COLUMNS.includes(c)).map(quoteIdent).join(', ');
  const distinct = await count(engine, `SELECT count(*) FROM (SELECT DISTINCT ${data} FROM ${bronze}
      ANTI JOIN (SELECT _source, _row FROM ${stage} WHERE _reason IS NOT NULL) USING (_source, _row))`);
  return { good, distinct };
}

export function silverBalance(bronze: number, silver: number, quarantined: number, g: GoodRows): SilverBalance {
  return { bronze, silver, quarantined, exactDuplicates: g.good - g.distinct, conflictingDuplicates: g.distinct - silver };
}

export async function count(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.query(`SELECT (${sql})::BIGINT AS n`)).get(0)?.n ?? 0);
}
