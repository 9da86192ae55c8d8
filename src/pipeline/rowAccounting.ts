import type { Engine } from '../engine/interface';
import { qualified } from '../engine/sql';
import type { ExpectationResult } from './expectations/runExpectation';
import type { Model } from './model';
import type { SilverBalance } from './silverBalance';

export const ACCOUNTING_NAME = 'bronze = silver + duplicates + quarantine';
const SAMPLES = 5;

/**
 * The silver model's row accounting, as a fact about the stored tables: every bronze row,
 * by (`_source`, `_row`), is in exactly one of silver.<s>, quarantine.<s> (`_stage =
 * 'silver'`) and duplicates.<s>; none of those holds a row bronze does not have; and every
 * duplicate names a kept row that silver.<s> holds. A failing row is one that breaks any
 * of these; the samples say which rows and where they are. Across batches (mergeBatches.ts)
 * a record of a deleted key names the delete record (itself in duplicates.<s>, `_kind =
 * 'delete'`), and the delete record names none. (Silver's keys being unique is
 * the implied `unique(key)` expectation.)
 */
export async function checkRowAccounting(engine: Engine, model: Model, balance: SilverBalance): Promise<ExpectationResult> {
  const started = performance.now();
  const [bronze, silver, quarantine, duplicates] = (['bronze', 'silver', 'quarantine', 'duplicates'] as const).map((l) => qualified(l, model.name));
  // One aggregate over the identifiers of the four tables (0 = bronze): a row is misplaced
  // unless bronze has it once and exactly one other table has it once.
  const placed = `WITH placed AS (
      SELECT _source, _row::BIGINT AS _row, 0 AS place FROM ${bronze}
      UNION ALL SELECT _source, _row::BIGINT, 1 FROM ${silver}
      UNION ALL SELECT _source, _row::BIGINT, 2 FROM ${quarantine} WHERE _stage = 'silver'
      UNION ALL SELECT _source, _row, 3 FROM ${duplicates}
    ),
    misplaced AS (
      SELECT _source, _row, count(*) FILTER (WHERE place = 0) AS in_bronze FROM placed GROUP BY _source, _row
      HAVING count(*) FILTER (WHERE place = 0) <> 1 OR count(*) FILTER (WHERE place > 0) <> 1
    ),
    dangling AS (
      SELECT d._source, d._row, d._kept_source, d._kept_row FROM ${duplicates} AS d
      ANTI JOIN ${silver} AS s ON s._source = d._kept_source AND s._row = d._kept_row
      WHERE d._kind IS DISTINCT FROM 'delete' AND d._kind IS DISTINCT FROM 'deleted'
      UNION ALL
      SELECT d._source, d._row, d._kept_source, d._kept_row FROM ${duplicates} AS d
      ANTI JOIN ${duplicates} AS k ON k._source = d._kept_source AND k._row = d._kept_row AND k._kind = 'delete'
      WHERE d._kind = 'deleted'
      UNION ALL
      SELECT _source, _row, _kept_source, _kept_row FROM ${duplicates} WHERE _kind = 'delete' AND _kept_source IS NOT NULL
    )`;
  const countSql = `${placed} SELECT ((SELECT count(*) FROM misplaced) + (SELECT count(*) FROM dangling))::BIGINT AS n`;
  // Where each misplaced row is, read again only when there are some.
  const failingSql = `${placed},
    located AS (
      SELECT m._source, m._row, m.in_bronze, list(p.place ORDER BY p.place) FILTER (WHERE p.place > 0) AS places
      FROM misplaced AS m JOIN placed AS p USING (_source, _row) GROUP BY ALL
    )
    SELECT _source, _row,
      CASE WHEN in_bronze = 0 THEN 'not a bronze row, yet in ' || ${placeNames('places')}
           WHEN in_bronze > 1 THEN 'in bronze ' || in_bronze || ' times'
           WHEN places IS NULL OR len(places) = 0 THEN 'in none of silver, quarantine, duplicates'
           ELSE 'in ' || ${placeNames('places')} END AS problem
    FROM located
    UNION ALL
    SELECT _source, _row, 'a duplicate of (' || coalesce(_kept_source, 'NULL') || ', ' || coalesce(_kept_row::VARCHAR, 'NULL') || '), a row silver does not hold' FROM dangling`;
  const base = { model: model.id, name: ACCOUNTING_NAME, kind: 'balance', severity: 'error' as const };
  try {
    const failing = Number((await engine.query(countSql)).get(0)?.n ?? 0);
    const samples = failing
      ? (await engine.query(`SELECT _source, _row::VARCHAR AS _row, problem FROM (${failingSql}) ORDER BY _source, _row::BIGINT, problem LIMIT ${SAMPLES}`)).toArray().map((r) => ({ ...r.toJSON() }))
      : [];
    const b = balance;
    const message = failing
      ? `${failing} row${failing === 1 ? '' : 's'} not in exactly one place, e.g. ${samples.map((s) => `(${String(s._source)}, ${String(s._row)}) ${String(s.problem)}`).join('; ')}`
      : undefined;
    return {
      ...base,
      status: failing ? 'fail' : 'pass',
      failing,
      samples,
      ...(message ? { message } : {}),
      sql: `-- ${b.bronze} = ${b.silver} + ${b.exactDuplicates} + ${b.conflictingDuplicates} + ${b.quarantined}\n${failingSql}`,
      milliseconds: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ...base, status: 'error', failing: 0, samples: [], message: (error as Error).message.split('\n')[0], sql: countSql, milliseconds: Math.round(performance.now() - started) };
  }
}

/** The places of a row, by name: 'silver and duplicates'. */
function placeNames(list: string): string {
  return `array_to_string(list_transform(${list}, p -> ['silver', 'quarantine', 'duplicates'][p]), ' and ')`;
}
