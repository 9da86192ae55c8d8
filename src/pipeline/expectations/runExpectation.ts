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
  milliseconds?: number;
}

const SAMPLES = 5;

/**
 * Runs one expectation on `table`. One that reads another table which does not exist
 * (`relationships` to silver.customers when only orders.csv was loaded) is skipped with
 * the reason instead of failing with DuckDB's catalog error: nothing is wrong with the data.
 */
export async function runExpectation(
  engine: Engine,
  model: string,
  table: string,
  spec: ExpectationSpec,
  exists: (table: string) => boolean = () => true,
): Promise<ExpectationResult> {
  const started = performance.now();
  const base = { model, name: spec.name, kind: spec.kind, severity: spec.severity };
  const ms = () => Math.round(performance.now() - started);
  let sql = '';
  try {
    sql = compileExpectation(spec, table);
    const absent = otherTables(spec).filter((t) => t !== model && !exists(t));
    if (absent.length) {
      const message = `${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not loaded`;
      return { ...base, status: 'skipped', failing: 0, samples: [], message, sql, milliseconds: ms() };
    }
    const count = await engine.query(`SELECT count(*)::BIGINT AS n FROM (${sql})`);
    const failing = Number(count.get(0)?.n ?? 0);
    // Samples as text: exact for DECIMAL and BIGINT, and JSON-safe for run.json.
    const samples = failing
      ? (await engine.query(`SELECT COLUMNS(*)::VARCHAR FROM (${sql}) LIMIT ${SAMPLES}`)).toArray().map((r) => ({ ...r.toJSON() }))
      : [];
    return { ...base, status: failing ? 'fail' : 'pass', failing, samples, sql, milliseconds: ms() };
  } catch (error) {
    return { ...base, status: 'error', failing: 0, samples: [], message: (error as Error).message.split('\n')[0], sql, milliseconds: ms() };
  }
}

/** The layer tables an expectation reads besides its model's own (`silver.customers`). */
export function otherTables(spec: ExpectationSpec): string[] {
  if (spec.kind === 'relationships') {
    const target = /^(\w+)\.(\w+)\.\w+$/.exec(spec.args[1] ?? '');
    return target ? [`${target[1]!.toLowerCase()}.${target[2]!.toLowerCase()}`] : [];
  }
  if (spec.kind === 'sql') return tableReferences(spec.args.join(';'));
  return [];
}
