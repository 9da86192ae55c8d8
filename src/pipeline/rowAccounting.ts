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
export async function checkRowAccounting(engine: Engine, model: Model, balance: SilverBalance, sliceRows = SLICE_ROWS): Promise<ExpectationResult> {
  const started = performance.now();
  const [bronze, silver, quarantine, duplicates] = (['bronze', 'silver', 'quarantine', 'duplicates'] as const).map((l) => qualified(l, model.name));
  // One aggregate over the identifiers of the four tables (0 = bronze): a row is misplaced
  // unless bronze has it once and exactly one other table has it once. `slice` limits it to
  // a range of _row (see slicesOf).
  const placed = (slice = 'TRUE') => `WITH placed AS (
      SELECT _source, _row::BIGINT AS _row, 0 AS place FROM ${bronze} WHERE ${slice}
      UNION ALL SELECT _source, _row::BIGINT, 1 FROM ${silver} WHERE ${slice}
      UNION ALL SELECT _source, _row::BIGINT, 2 FROM ${quarantine} WHERE _stage = 'silver' AND ${slice}
      UNION ALL SELECT _source, _row, 3 FROM ${duplicates} WHERE ${slice}
    ),
    misplaced AS (
      SELECT _source, _row, count(*) FILTER (WHERE place = 0) AS in_bronze FROM placed GROUP BY _source, _row
      HAVING count(*) FILTER (WHERE place = 0) <> 1 OR count(*) FILTER (WHERE place > 0) <> 1
    )`;
  const dangling = `dangling AS (
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
  // Where each misplaced row is, read again only when there are some.
  const locatedSql = (slice?: string) => `${placed(slice)},
    located AS (
      SELECT m._source, m._row, m.in_bronze, list(p.place ORDER BY p.place) FILTER (WHERE p.place > 0) AS places
      FROM misplaced AS m JOIN placed AS p USING (_source, _row) GROUP BY ALL
    )
    SELECT _source, _row,
      CASE WHEN in_bronze = 0 THEN 'not a bronze row, yet in ' || ${placeNames('places')}
           WHEN in_bronze > 1 THEN 'in bronze ' || in_bronze || ' times'
           WHEN places IS NULL OR len(places) = 0 THEN 'in none of silver, quarantine, duplicates'
           ELSE 'in ' || ${placeNames('places')} END AS problem
    FROM located`;
  const danglingSql = `WITH ${dangling}
    SELECT _source, _row, 'a duplicate of (' || coalesce(_kept_source, 'NULL') || ', ' || coalesce(_kept_row::VARCHAR, 'NULL') || '), a row silver does not hold' AS problem FROM dangling`;
  // The whole check as one query, as the report shows it (an analyst can run it as it is).
  const failingSql = `${locatedSql()}
    UNION ALL
    ${danglingSql.replace(/^WITH /, 'SELECT * FROM (WITH ')})`;
  const countSql = `${placed()}, ${dangling} SELECT ((SELECT count(*) FROM misplaced) + (SELECT count(*) FROM dangling))::BIGINT AS n`;
  const first = (sql: string) => `SELECT _source, _row::VARCHAR AS _row, problem FROM (${sql}) ORDER BY _source, _row::BIGINT, problem LIMIT ${SAMPLES}`;
  const base = { model: model.id, name: ACCOUNTING_NAME, kind: 'balance', severity: 'error' as const };
  try {
    const slices = await slicesOf(engine, bronze, sliceRows);
    const counted = async (sql: string) => Number((await engine.query(sql)).get(0)?.n ?? 0);
    let failing = 0;
    if (slices.length === 1) failing = await counted(countSql);
    else {
      failing = await counted(`WITH ${dangling} SELECT count(*)::BIGINT AS n FROM dangling`);
      for (const slice of slices) failing += await counted(`${placed(slice)} SELECT count(*)::BIGINT AS n FROM misplaced`);
    }
    const samples: Record<string, unknown>[] = [];
    if (failing) {
      for (const sql of [danglingSql, ...slices.map(locatedSql)]) samples.push(...(await engine.query(first(sql))).toArray().map((r) => ({ ...r.toJSON() })));
      // As ORDER BY _source, _row::BIGINT, problem over them all would (NULLs last).
      samples.sort((a, b) => compare(a._source, b._source) || compare(a._row == null ? null : BigInt(String(a._row)), b._row == null ? null : BigInt(String(b._row))) || compare(a.problem, b.problem));
      samples.splice(SAMPLES);
    }
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

/** Bronze rows per slice of the check: its GROUP BY holds every row of a slice in memory, which DuckDB-WASM cannot spill to disk (10 M rows, sf=10 geolocation, needed more than 3 GB at once). */
export const SLICE_ROWS = 2_000_000;

/**
 * The check's slices: ranges of _row, together every value (NULL and rows outside bronze's
 * range included), each holding about `sliceRows` of bronze's rows. A row is in one slice in
 * all four tables, so checking slice by slice finds exactly what checking at once does.
 */
async function slicesOf(engine: Engine, bronze: string, sliceRows: number): Promise<string[]> {
  const r = (await engine.query(`SELECT count(*)::BIGINT AS n, min(_row)::BIGINT AS lo, max(_row)::BIGINT AS hi FROM ${bronze}`)).get(0)!.toJSON();
  const count = Math.ceil(Number(r.n) / sliceRows);
  if (count <= 1) return ['TRUE'];
  const lo = BigInt(r.lo as bigint);
  const width = (BigInt(r.hi as bigint) - lo) / BigInt(count) + 1n;
  const bounds = Array.from({ length: count - 1 }, (_, i) => lo + width * BigInt(i + 1));
  return bounds.map((b, i) => (i === 0 ? `(_row::BIGINT < ${b} OR _row IS NULL)` : `_row::BIGINT >= ${bounds[i - 1]} AND _row::BIGINT < ${b}`))
    .concat(`_row::BIGINT >= ${bounds.at(-1)}`);
}

/** Ascending, NULLs last. */
function compare(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return (a as string | bigint) < (b as string | bigint) ? -1 : (a as string | bigint) > (b as string | bigint) ? 1 : 0;
}

/** The places of a row, by name: 'silver and duplicates'. */
function placeNames(list: string): string {
  return `array_to_string(list_transform(${list}, p -> ['silver', 'quarantine', 'duplicates'][p]), ' and ')`;
}
