import { quoteLiteral } from '../../engine/sql';
import type { RunRecord } from './runRecord';

const text = (v: string | undefined) => (v === undefined ? 'NULL' : quoteLiteral(v));
const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'NULL' : String(v));
const int = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'NULL' : String(Math.round(v)));
const time = (iso: string) => `epoch_ms(${Date.parse(iso)}::BIGINT)`;
const values = (rows: string[][]) => rows.map((r) => `(${r.join(', ')})`).join(',\n');

/** The statements that write run `id` (replacing a run of that id), in one transaction. */
export function writeRunSql(id: number, record: RunRecord): string {
  const s = record.summary;
  const statements = [
    'BEGIN TRANSACTION',
    ...deleteRunSql(`= ${id}`),
    `INSERT INTO runs.runs VALUES (${[
      id, text(s.kind), text(s.trigger), int(s.batchId), time(s.startedAt), time(s.finishedAt), int(s.milliseconds), int(s.loadMilliseconds), int(s.pipelineMilliseconds),
      text(s.status), text(s.problem), int(s.files), int(s.fileErrors), int(s.rowsLoaded), int(s.rowsBuilt), int(s.quarantinedRows),
      int(s.expectationsPass), int(s.expectationsWarn), int(s.expectationsFail), int(s.expectationsSkipped),
      int(s.modelsBuilt), int(s.modelsFailed), int(s.modelsRetried), num(s.peakMemoryBytes), num(s.rowsPerSecond),
    ].join(', ')})`,
  ];
  if (record.models.length) {
    statements.push(`INSERT INTO runs.models VALUES ${values(record.models.map((m, i) => [String(id), String(i), text(m.name), text(m.layer), text(m.status), int(m.rows), int(m.milliseconds), int(m.attempts), String(m.inRun), text(m.error), int(m.quarantined)]))}`);
  }
  if (record.expectations.length) {
    statements.push(`INSERT INTO runs.expectations VALUES ${values(record.expectations.map((e, i) => [String(id), String(i), text(e.model), text(e.name), text(e.kind), text(e.severity), text(e.status), int(e.failing), text(e.message)]))}`);
  }
  if (record.tables.length) statements.push(`INSERT INTO runs.tables VALUES ${values(record.tables.map((t) => [String(id), text(t.layer), text(t.name), int(t.rows)]))}`);
  statements.push('COMMIT');
  return statements.join(';\n');
}

/** Deletes the runs whose id matches `condition` (`= 3`, `NOT IN (…)`) with everything recorded about them. */
export function deleteRunSql(condition: string): string[] {
  return [
    `DELETE FROM runs.models WHERE run_id ${condition}`,
    `DELETE FROM runs.expectations WHERE run_id ${condition}`,
    `DELETE FROM runs.tables WHERE run_id ${condition}`,
    `DELETE FROM runs.runs WHERE id ${condition}`,
  ];
}
