import type { Engine } from '../../engine/interface';
import type { RunDetail, RunExpectation, RunModel, RunSummary, RunTable, RunTrends } from './runTypes';

// Numbers as DOUBLE and times as epoch milliseconds: plain JavaScript numbers on both engines.
const SUMMARY_COLUMNS = `id::DOUBLE AS id, kind, trigger, batch_id::DOUBLE AS batch_id,
  epoch_ms(started_at)::DOUBLE AS started_at, epoch_ms(finished_at)::DOUBLE AS finished_at,
  milliseconds::DOUBLE AS milliseconds, load_ms::DOUBLE AS load_ms, pipeline_ms::DOUBLE AS pipeline_ms, status, problem,
  files::DOUBLE AS files, file_errors::DOUBLE AS file_errors, rows_loaded::DOUBLE AS rows_loaded, rows_built::DOUBLE AS rows_built,
  quarantined_rows::DOUBLE AS quarantined_rows, expectations_pass::DOUBLE AS e_pass, expectations_warn::DOUBLE AS e_warn,
  expectations_fail::DOUBLE AS e_fail, expectations_skipped::DOUBLE AS e_skipped, models_built::DOUBLE AS models_built,
  models_failed::DOUBLE AS models_failed, models_retried::DOUBLE AS models_retried, peak_memory_bytes, rows_per_second`;

type Row = Record<string, unknown>;
const rows = async (engine: Engine, sql: string): Promise<Row[]> => (await engine.query(sql)).toArray().map((r) => r.toJSON() as Row);
const n = (v: unknown) => Number(v ?? 0);
const optional = <T>(v: T | null | undefined) => (v === null || v === undefined ? undefined : v);

function summary(r: Row): RunSummary {
  const batchId = optional(r.batch_id);
  const problem = optional(r.problem);
  return {
    id: n(r.id),
    kind: r.kind as RunSummary['kind'],
    trigger: r.trigger as RunSummary['trigger'],
    ...(batchId !== undefined && { batchId: n(batchId) }),
    startedAt: new Date(n(r.started_at)).toISOString(),
    finishedAt: new Date(n(r.finished_at)).toISOString(),
    milliseconds: n(r.milliseconds),
    loadMilliseconds: n(r.load_ms),
    pipelineMilliseconds: n(r.pipeline_ms),
    status: r.status as RunSummary['status'],
    ...(problem !== undefined && { problem: String(problem) }),
    files: n(r.files),
    fileErrors: n(r.file_errors),
    rowsLoaded: n(r.rows_loaded),
    rowsBuilt: n(r.rows_built),
    quarantinedRows: n(r.quarantined_rows),
    expectationsPass: n(r.e_pass),
    expectationsWarn: n(r.e_warn),
    expectationsFail: n(r.e_fail),
    expectationsSkipped: n(r.e_skipped),
    modelsBuilt: n(r.models_built),
    modelsFailed: n(r.models_failed),
    modelsRetried: n(r.models_retried),
    peakMemoryBytes: n(r.peak_memory_bytes),
    rowsPerSecond: n(r.rows_per_second),
  };
}

/** The runs, newest first (at most `limit`). */
export async function listRuns(engine: Engine, limit = 1000): Promise<RunSummary[]> {
  return (await rows(engine, `SELECT ${SUMMARY_COLUMNS} FROM runs.runs ORDER BY id DESC LIMIT ${Math.max(0, Math.floor(limit))}`)).map(summary);
}

/** One run with its models, expectations and tables; undefined when there is no such run (cleared, or past retention). */
export async function runDetail(engine: Engine, id: number): Promise<RunDetail | undefined> {
  const key = Math.floor(id);
  // One after another: an engine runs one statement at a time.
  const runs = await rows(engine, `SELECT ${SUMMARY_COLUMNS} FROM runs.runs WHERE id = ${key}`);
  if (!runs[0]) return undefined;
  const models = await rows(engine, `SELECT name, layer, status, rows::DOUBLE AS rows, milliseconds::DOUBLE AS ms, attempts, in_run, error, quarantined::DOUBLE AS quarantined FROM runs.models WHERE run_id = ${key} ORDER BY ordinal`);
  const expectations = await rows(engine, `SELECT model, name, kind, severity, status, failing::DOUBLE AS failing, message FROM runs.expectations WHERE run_id = ${key} ORDER BY ordinal`);
  const tables = await rows(engine, `SELECT layer, name, rows::DOUBLE AS rows FROM runs.tables WHERE run_id = ${key} ORDER BY layer, name`);
  return {
    run: summary(runs[0]),
    models: models.map((m): RunModel => {
      const error = optional(m.error);
      const quarantined = optional(m.quarantined);
      return {
        name: String(m.name), layer: String(m.layer), status: m.status as RunModel['status'], rows: n(m.rows), milliseconds: n(m.ms),
        attempts: n(m.attempts), inRun: m.in_run === true,
        ...(error !== undefined && { error: String(error) }),
        ...(quarantined !== undefined && { quarantined: n(quarantined) }),
      };
    }),
    expectations: expectations.map((e): RunExpectation => {
      const message = optional(e.message);
      return {
        model: String(e.model), name: String(e.name), kind: String(e.kind), severity: e.severity as RunExpectation['severity'],
        status: e.status as RunExpectation['status'], failing: n(e.failing),
        ...(message !== undefined && { message: String(message) }),
      };
    }),
    tables: tables.map((t): RunTable => ({ layer: String(t.layer), name: String(t.name), rows: n(t.rows) })),
  };
}

/** What the trend charts draw, oldest run first: the runs, each built model's time and rows, rows per layer. */
export async function runTrends(engine: Engine): Promise<RunTrends> {
  const runs = await rows(engine, `SELECT ${SUMMARY_COLUMNS} FROM runs.runs ORDER BY id`);
  const models = await rows(engine, `SELECT run_id::DOUBLE AS run, name, layer, milliseconds::DOUBLE AS ms, rows::DOUBLE AS rows FROM runs.models WHERE in_run AND status = 'success' ORDER BY run_id, ordinal`);
  const layers = await rows(engine, `SELECT run_id::DOUBLE AS run, layer, sum(rows)::DOUBLE AS rows FROM runs.tables GROUP BY ALL ORDER BY run, layer`);
  return {
    runs: runs.map(summary),
    models: models.map((m) => ({ run: n(m.run), model: String(m.name), layer: String(m.layer), milliseconds: n(m.ms), rows: n(m.rows) })),
    layers: layers.map((l) => ({ run: n(l.run), layer: String(l.layer), rows: n(l.rows) })),
  };
}
