import type { Engine } from '../../engine/interface';
import { tableReferences } from '../tableReferences';
import { compileExpectation } from './compileExpectation';
import type { ExpectationSpec, Severity } from './expectationSpec';

export interface ExpectationResult {
  model: string;
  name: string;
  kind: string;
  severity: Severity;
  /** `skipped`: it reads a table that is not there (its source was not loaded); `message` says which. */
  status: 'pass' | 'fail' | 'error' | 'skipped';
  /** How many rows fail it (for `unique`: how many key values repeat). */
  failing: number;
  /** Up to 5 failing rows, JSON-safe. */
  samples: Record<string, unknown>[];
  message?: string;
  sql: string;
  /** Counted in a batch: the batch's time shared among its expectations. */
  milliseconds?: number;
}

/** One expectation to run: `spec` of model `model` (`silver.orders`) on `table` (quoted). */
export interface ExpectationCheck {
  model: string;
  table: string;
  spec: ExpectationSpec;
}

const SAMPLES = 5;
/** Expectations counted per query: one exchange with DuckDB's worker costs ~3–4 ms in Chromium. */
const BATCH = 64;

/** One expectation run alone (the UI's re-check, tests). */
export async function runExpectation(
  engine: Engine,
  model: string,
  table: string,
  spec: ExpectationSpec,
  exists: (table: string) => boolean = () => true,
): Promise<ExpectationResult> {
  return (await runExpectations(engine, [{ model, table, spec }], exists))[0]!;
}

/**
 * Runs expectations, their failing-row counts in batches of scalar subqueries (one query
 * for many, instead of one each). A batch that fails is counted again one by one, so an
 * expectation's SQL error stays its own and the others still pass or fail. One that reads
 * another table which does not exist (`relationships` to silver.customers when only
 * orders.csv was loaded) is skipped with the reason instead of failing with DuckDB's
 * catalog error: nothing is wrong with the data. Results come back in the checks' order.
 */
export async function runExpectations(
  engine: Engine,
  checks: readonly ExpectationCheck[],
  exists: (table: string) => boolean = () => true,
): Promise<ExpectationResult[]> {
  const results: ExpectationResult[] = new Array(checks.length);
  const toCount: { index: number; sql: string }[] = [];
  for (const [index, check] of checks.entries()) {
    const settled = prepare(check, exists);
    if (typeof settled === 'string') toCount.push({ index, sql: settled });
    else results[index] = settled;
  }
  for (let from = 0; from < toCount.length; from += BATCH) {
    const batch = toCount.slice(from, from + BATCH);
    const started = performance.now();
    let counts: (number | Error)[];
    try {
      const row = (await engine.query(`SELECT ${batch.map((c, i) => `(SELECT count(*) FROM (${c.sql}))::BIGINT AS e${i}`).join(',\n  ')}`)).get(0);
      counts = batch.map((_, i) => Number(row?.[`e${i}`] ?? 0));
    } catch (error) {
      counts = [];
      if (batch.length === 1) counts.push(error as Error);
      else for (const c of batch) counts.push(await countAlone(engine, c.sql));
    }
    const share = Math.round((performance.now() - started) / batch.length);
    for (const [i, c] of batch.entries()) {
      results[c.index] = await settle(engine, checks[c.index]!, c.sql, counts[i]!, share);
    }
  }
  return results;
}

/** The query of the failing rows, or the result when there is nothing to count. */
function prepare(check: ExpectationCheck, exists: (table: string) => boolean): string | ExpectationResult {
  const { spec, model, table } = check;
  let sql = '';
  try {
    sql = compileExpectation(spec, table);
  } catch (error) {
    return { ...identity(check), status: 'error', failing: 0, samples: [], message: firstLine(error), sql, milliseconds: 0 };
  }
  const absent = otherTables(spec).filter((t) => t !== model && !exists(t));
  if (!absent.length) return sql;
  const message = `${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not loaded`;
  return { ...identity(check), status: 'skipped', failing: 0, samples: [], message, sql, milliseconds: 0 };
}

async function countAlone(engine: Engine, sql: string): Promise<number | Error> {
  try {
    return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM (${sql})`)).get(0)?.n ?? 0);
  } catch (error) {
    return error as Error;
  }
}

async function settle(engine: Engine, check: ExpectationCheck, sql: string, failing: number | Error, milliseconds: number): Promise<ExpectationResult> {
  const base = { ...identity(check), sql, milliseconds };
  if (failing instanceof Error) return { ...base, status: 'error', failing: 0, samples: [], message: firstLine(failing) };
  try {
    // Samples as text: exact for DECIMAL and BIGINT, and JSON-safe for run.json.
    const samples = failing
      ? (await engine.query(`SELECT COLUMNS(*)::VARCHAR FROM (${sql}) LIMIT ${SAMPLES}`)).toArray().map((r) => ({ ...r.toJSON() }))
      : [];
    return { ...base, status: failing ? 'fail' : 'pass', failing, samples };
  } catch (error) {
    return { ...base, status: 'error', failing: 0, samples: [], message: firstLine(error) };
  }
}

const identity = ({ model, spec }: ExpectationCheck) => ({ model, name: spec.name, kind: spec.kind, severity: spec.severity });
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];

/** The layer tables an expectation reads besides its model's own (`silver.customers`). */
export function otherTables(spec: ExpectationSpec): string[] {
  if (spec.kind === 'relationships') {
    const target = /^(\w+)\.(\w+)\.\w+$/.exec(spec.args[1] ?? '');
    return target ? [`${target[1]!.toLowerCase()}.${target[2]!.toLowerCase()}`] : [];
  }
  if (spec.kind === 'sql') return tableReferences(spec.args.join(';'));
  return [];
}
