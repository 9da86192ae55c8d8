import type { IngestReport } from '../../ingest/loadFiles';
import type { PipelineRun } from '../../pipeline/runner';
import type { RunExpectation, RunKind, RunModel, RunStatus, RunSummary, RunTable, RunTrigger } from './runTypes';

/** A load as the history keeps it: its report, when it ran and the memory DuckDB held after it. */
export interface LoadFacts {
  report: IngestReport;
  startedAt: Date;
  finishedAt: Date;
  memoryBytes: number;
}

/** A pipeline run (or re-run) as the history keeps it; `ran` names the models a re-run rebuilt (all when absent). */
export interface PipelineFacts {
  run: PipelineRun;
  ran?: readonly string[];
  startedAt: Date;
  finishedAt: Date;
  /** The host process's peak memory, where the host can read it (the CLI). */
  processPeakBytes?: number;
}

/** One run, ready to be written: the summary row and its models, expectations and tables. */
export interface RunRecord {
  summary: Omit<RunSummary, 'id'>;
  models: RunModel[];
  expectations: RunExpectation[];
  tables: RunTable[];
}

export interface RunOrigin {
  kind: RunKind;
  trigger: RunTrigger;
  batchId?: number;
}

/**
 * The record of a run from what the load and the pipeline reported and the tables after
 * it. Every figure comes from those reports or from the tables, none from another figure
 * of the record except the totals over them.
 */
export function runRecord(origin: RunOrigin, tables: RunTable[], load?: LoadFacts, pipeline?: PipelineFacts): RunRecord {
  const ran = pipeline?.ran ? new Set(pipeline.ran) : undefined;
  const models: RunModel[] = (pipeline?.run.models ?? []).map((m) => ({
    name: m.name,
    layer: m.layer,
    status: m.status,
    rows: m.rows,
    milliseconds: m.milliseconds,
    attempts: m.attempts ?? 0,
    inRun: ran ? ran.has(m.name) : true,
    ...(m.error !== undefined && { error: m.error }),
    ...(m.balance && { quarantined: m.balance.quarantined }),
  }));
  const expectations: RunExpectation[] = (pipeline?.run.expectations ?? []).map((e) => ({
    model: e.model,
    name: e.name,
    kind: e.kind,
    severity: e.severity,
    status: e.status,
    failing: e.failing,
    ...(e.message !== undefined && { message: e.message }),
  }));
  const inRun = models.filter((m) => m.inRun);
  const notPassing = (e: RunExpectation) => e.status === 'fail' || e.status === 'error';
  const report = load?.report;
  const loadMilliseconds = report?.milliseconds ?? 0;
  const pipelineMilliseconds = pipeline ? Math.round(pipeline.run.milliseconds) : 0;
  const milliseconds = loadMilliseconds + pipelineMilliseconds;
  const rowsLoaded = sum((report?.sources ?? []).map((s) => s.rows));
  const rowsBuilt = sum(inRun.filter((m) => m.status === 'success').map((m) => m.rows));
  const failedModels = inRun.filter((m) => m.status === 'failed');
  const failedErrors = expectations.filter((e) => e.severity === 'error' && notPassing(e));
  const fileErrors = report?.errors.length ?? 0;
  const cancelled = report?.cancelled === true || pipeline?.run.cancelled === true;
  const status: RunStatus = cancelled ? 'cancelled' : fileErrors || failedModels.length || failedErrors.length ? 'failed' : 'success';
  const problem = cancelled
    ? `cancelled during the ${report?.cancelled ? 'load' : 'pipeline run'}`
    : [
        fileErrors && `${plural(fileErrors, 'file')} could not be loaded (${report!.errors[0]!.file}: ${report!.errors[0]!.message})`,
        failedModels.length && `${plural(failedModels.length, 'model')} failed (${failedModels[0]!.name}: ${failedModels[0]!.error ?? 'no message'})`,
        failedErrors.length && `${plural(failedErrors.length, 'error-severity expectation')} failed (${failedErrors[0]!.model}: ${failedErrors[0]!.name})`,
      ].filter(Boolean).join('; ') || undefined;
  const started = load?.startedAt ?? pipeline!.startedAt;
  const finished = pipeline?.finishedAt ?? load!.finishedAt;
  const summary: Omit<RunSummary, 'id'> = {
    kind: origin.kind,
    trigger: origin.trigger,
    ...(origin.batchId !== undefined && { batchId: origin.batchId }),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    milliseconds,
    loadMilliseconds,
    pipelineMilliseconds,
    status,
    ...(problem && { problem }),
    files: new Set((report?.sources ?? []).map((s) => s.file)).size + fileErrors,
    fileErrors,
    rowsLoaded,
    rowsBuilt,
    quarantinedRows: sum(tables.filter((t) => t.layer === 'quarantine').map((t) => t.rows)),
    expectationsPass: expectations.filter((e) => e.status === 'pass').length,
    expectationsWarn: expectations.filter((e) => e.severity === 'warn' && notPassing(e)).length,
    expectationsFail: failedErrors.length,
    expectationsSkipped: expectations.filter((e) => e.status === 'skipped').length,
    modelsBuilt: inRun.filter((m) => m.status === 'success').length,
    modelsFailed: failedModels.length,
    modelsRetried: inRun.filter((m) => m.attempts > 1).length,
    peakMemoryBytes: Math.max(load?.memoryBytes ?? 0, pipeline?.run.memory?.heldBytes ?? 0, pipeline?.processPeakBytes ?? 0),
    rowsPerSecond: milliseconds > 0 ? ((rowsLoaded + rowsBuilt) * 1000) / milliseconds : 0,
  };
  return { summary, models, expectations, tables };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
