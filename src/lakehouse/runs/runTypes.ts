import type { Severity } from '../../pipeline/expectations/expectationSpec';
import type { ExpectationResult } from '../../pipeline/expectations/runExpectation';
import type { ModelRun } from '../../pipeline/runner';

/** What a run did: a load (with the pipeline run that followed it), a pipeline run alone, a re-run from a model, a batch. */
export type RunKind = 'load' | 'pipeline' | 'rerun' | 'batch';
/** Who started it: the user (files, re-run), the demo button, a watched folder, the command line. */
export type RunTrigger = 'user' | 'demo' | 'watch' | 'cli';
/** `failed`: a file could not be loaded, a model failed or an error-severity expectation failed. */
export type RunStatus = 'success' | 'failed' | 'cancelled';

/** One run as the list and the trend charts show it: one row of `runs.runs`. */
export interface RunSummary {
  id: number;
  kind: RunKind;
  trigger: RunTrigger;
  /** The batch it loaded (meta.batches), when it was one. */
  batchId?: number;
  startedAt: string;
  finishedAt: string;
  /** Work time: the load's plus the pipeline's (the page's round trips between them left out). */
  milliseconds: number;
  loadMilliseconds: number;
  pipelineMilliseconds: number;
  status: RunStatus;
  /** Why it failed or was cancelled, in words. */
  problem?: string;
  files: number;
  fileErrors: number;
  /** Bronze rows this run loaded. */
  rowsLoaded: number;
  /** Rows of the models this run built. */
  rowsBuilt: number;
  /** Rows in the quarantine layer after the run. */
  quarantinedRows: number;
  expectationsPass: number;
  /** Warning-severity expectations that failed (or could not run). */
  expectationsWarn: number;
  /** Error-severity expectations that failed (or could not run). */
  expectationsFail: number;
  expectationsSkipped: number;
  modelsBuilt: number;
  modelsFailed: number;
  /** Models that needed more than one try. */
  modelsRetried: number;
  /** The most memory DuckDB held when sampled (end of the load, end of the run); the CLI adds its process peak. */
  peakMemoryBytes: number;
  /** (rows loaded + rows built) per second of work time. */
  rowsPerSecond: number;
}

/** A model's state in a run; `inRun` false for a model a re-run left as it was. */
export interface RunModel {
  name: string;
  layer: string;
  status: ModelRun['status'];
  rows: number;
  milliseconds: number;
  attempts: number;
  inRun: boolean;
  error?: string;
  /** Silver: rows set aside in quarantine by this build. */
  quarantined?: number;
}

export interface RunExpectation {
  model: string;
  name: string;
  kind: string;
  severity: Severity;
  status: ExpectationResult['status'];
  failing: number;
  message?: string;
}

/** A table of the lakehouse and its rows after the run. */
export interface RunTable {
  layer: string;
  name: string;
  rows: number;
}

export interface RunDetail {
  run: RunSummary;
  models: RunModel[];
  expectations: RunExpectation[];
  tables: RunTable[];
}

/** What the trend charts draw: a point per run, per model and run, per layer and run. */
export interface RunTrends {
  runs: RunSummary[];
  models: { run: number; model: string; layer: string; milliseconds: number; rows: number }[];
  layers: { run: number; layer: string; rows: number }[];
}

/** How the history is kept: the last `keep` runs. */
export interface RunRetention {
  keep: number;
}

export const DEFAULT_RETENTION: RunRetention = { keep: 50 };
export const MAX_RETENTION = 1000;
