import type { Engine } from '../engine/interface';
import { qualified } from '../engine/sql';

/**
 * Where the bronze rows of a silver model went, each figure counted from its stored table:
 * bronze.<s>, silver.<s>, quarantine.<s> (the rows silver set aside, `_stage = 'silver'`)
 * and duplicates.<s> by `_kind`. None is derived from another, so the sum can be off; the
 * row accounting (rowAccounting.ts) says which rows are where.
 */
export interface SilverBalance {
  bronze: number;
  silver: number;
  quarantined: number;
  exactDuplicates: number;
  conflictingDuplicates: number;
}

export async function countBalance(engine: Engine, name: string): Promise<SilverBalance> {
  const [bronze, silver, quarantine, duplicates] = (['bronze', 'silver', 'quarantine', 'duplicates'] as const).map((l) => qualified(l, name));
  const row = (await engine.query(`SELECT
      (SELECT count(*) FROM ${bronze})::BIGINT AS bronze,
      (SELECT count(*) FROM ${silver})::BIGINT AS silver,
      (SELECT count(*) FROM ${quarantine} WHERE _stage = 'silver')::BIGINT AS quarantined,
      (SELECT count(*) FILTER (WHERE _kind = 'exact') FROM ${duplicates})::BIGINT AS exact,
      (SELECT count(*) FILTER (WHERE _kind IS DISTINCT FROM 'exact') FROM ${duplicates})::BIGINT AS conflicting`)).get(0)!.toJSON();
  return {
    bronze: Number(row.bronze),
    silver: Number(row.silver),
    quarantined: Number(row.quarantined),
    exactDuplicates: Number(row.exact),
    conflictingDuplicates: Number(row.conflicting),
  };
}

export async function count(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.query(`SELECT (${sql})::BIGINT AS n`)).get(0)?.n ?? 0);
}
