import type { Engine } from '../../engine/interface';
import { compileExpectation } from './compileExpectation';
import type { ExpectationSpec, Severity } from './expectationSpec';

export interface ExpectationResult {
  model: string;
  name: string;
  kind: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'error';
  /** How many rows fail it (for `unique`: how many key values repeat). */
  failing: number;
  /** Up to 5 failing rows, JSON-safe. */
  samples: Record<string, unknown>[];
  message?: string;
  sql: string;
  milliseconds?: number;
}

const SAMPLES = 5;

export async function runExpectation(engine: Engine, model: string, table: string, spec: ExpectationSpec): Promise<ExpectationResult> {
  const started = performance.now();
  const base = { model, name: spec.name, kind: spec.kind, severity: spec.severity };
  const ms = () => Math.round(performance.now() - started);
  let sql = '';
  try {
    sql = compileExpectation(spec, table);
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
