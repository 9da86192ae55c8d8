import type { IngestReport } from '../ingest/loadFiles';
import type { PipelineRun } from '../pipeline/runner';

/**
 * What the lakehouse knows about how its tables came to be: the ingest report, the last
 * pipeline run and when the session's first load started and its last run finished.
 * run.json is built from it, and a saved lakehouse stores it so a reload shows the same
 * summary. Plain data, so it crosses the worker boundary and serialises as JSON.
 */
export interface LakehouseSession {
  ingest: IngestReport;
  pipeline?: PipelineRun;
  startedAt?: string;
  finishedAt?: string;
}
