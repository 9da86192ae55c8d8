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

/** Layer-qualified, quoted table names of one silver materialisation. */
export interface SilverTables {
  bronze: string;
  /** The model's result, `_reason` included. */
  stage: string;
  silver: string;
}

/**
 * For a model that returns every bronze row: silver kept the first good row per key, so
 * the duplicates are the other good rows. A duplicate is exact when its typed data columns
 * all equal those of another good row, conflicting otherwise.
 */
export async function perRowBalance(engine: Engine, t: SilverTables, dataColumns: string[]): Promise<SilverBalance> {
  const c = await counts(engine, t, `(SELECT count(*) FROM ${t.stage} WHERE _reason IS NULL)`);
  const distinct = `SELECT DISTINCT ${dataColumns.map(quoteIdent).join(', ')} FROM ${t.stage} WHERE _reason IS NULL`;
  return withDuplicates(c, await distinctGood(engine, c, distinct));
}

/**
 * For a model that reduces (README.md, `reduces:`): it returned one row per key, whose
 * `countColumn` says how many good bronze rows it stands for, plus one row per quarantined
 * bronze row. The duplicates are the good bronze rows beyond one per key. The model's
 * per-row values are not kept, so a duplicate is exact when its bronze row, as loaded,
 * equals another good bronze row in every data column; conflicting otherwise. The
 * balance is checked against the model's own count, so rows it loses make it fail.
 */
export async function reducedBalance(engine: Engine, t: SilverTables, countColumn: string): Promise<SilverBalance> {
  const c = await counts(engine, t, `(SELECT coalesce(sum(${quoteIdent(countColumn)}), 0) FROM ${t.silver})`);
  const bronzeColumns = (await engine.query(`SELECT column_name FROM (DESCRIBE ${t.bronze})`)).toArray().map((r) => String(r.column_name));
  const data = bronzeColumns.filter((col) => !META_COLUMNS.includes(col)).map(quoteIdent).join(', ');
  const distinct = `SELECT DISTINCT ${data} FROM ${t.bronze} ANTI JOIN (SELECT _source, _row FROM ${t.stage} WHERE _reason IS NOT NULL) USING (_source, _row)`;
  return withDuplicates(c, await distinctGood(engine, c, distinct));
}

interface Counts {
  bronze: number;
  silver: number;
  quarantined: number;
  /** Good bronze rows: those silver kept, plus the duplicates. */
  good: number;
}

async function counts(engine: Engine, t: SilverTables, good: string): Promise<Counts> {
  const row = (await engine.query(`SELECT
      (SELECT count(*) FROM ${t.bronze})::BIGINT AS bronze,
      (SELECT count(*) FROM ${t.silver})::BIGINT AS silver,
      (SELECT count(*) FROM ${t.stage} WHERE _reason IS NOT NULL)::BIGINT AS quarantined,
      ${good}::BIGINT AS good`)).get(0)!.toJSON();
  return { bronze: Number(row.bronze), silver: Number(row.silver), quarantined: Number(row.quarantined), good: Number(row.good) };
}

/** How many good rows differ from each other. One per key means no duplicates: no DISTINCT to run. */
async function distinctGood(engine: Engine, c: Counts, distinct: string): Promise<number> {
  if (c.good === c.silver) return c.good;
  return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM (${distinct})`)).get(0)?.n ?? 0);
}

function withDuplicates(c: Counts, distinctGood: number): SilverBalance {
  return {
    bronze: c.bronze,
    silver: c.silver,
    quarantined: c.quarantined,
    exactDuplicates: c.good - distinctGood,
    conflictingDuplicates: distinctGood - c.silver,
  };
}
