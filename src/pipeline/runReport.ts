import type { EngineInfo } from '../engine/interface';
import type { IngestReport } from '../ingest/loadFiles';
import type { TableInfo } from '../lakehouse/tableInfo';
import { bundledLineage, type TracedColumn } from './lineage/lineageFile';
import type { PipelineRun } from './runner';

/** The run.json contract of DESIGN.md §7; models and expectations come with the pipeline. */
export interface RunReport {
  engine: EngineInfo;
  started_at: string;
  finished_at: string;
  /** The lakehouse batch this run loaded (src/lakehouse/batches); every bronze row carries its `_batch`. */
  batch?: number;
  sources: Array<{
    file: string;
    format: string;
    source: string;
    recognised: boolean;
    table: string;
    rows: number;
    quarantined: number;
    milliseconds: number;
    /** The batch the file's rows were loaded in. */
    batch?: number;
    /** Row-level problems (a few; all of them are in quarantine) and the loader's notes. */
    problems: IngestReport['sources'][number]['samples'];
    notes: string[];
  }>;
  errors: IngestReport['errors'];
  skipped: IngestReport['skipped'];
  notes: IngestReport['notes'];
  models: PipelineRun['models'];
  expectations: PipelineRun['expectations'];
  tables: Array<{ table: string; rows: number }>;
  /** DuckDB's memory at the end of the run and its limit; the CLI's peak resident memory (bytes). */
  memory?: { held_bytes: number; limit_bytes?: number; process_peak_bytes?: number };
  /**
   * Lineage derived from the models' SQL: the tables each model reads, and for each output
   * column its direct source columns and the bronze columns it comes from.
   */
  lineage: { tables: Record<string, string[]>; columns: Record<string, Record<string, TracedColumn>> };
  totals: {
    files: number;
    files_failed: number;
    bronze_rows: number;
    quarantined_rows: number;
    /** Rows of the duplicates tables: bronze rows silver dropped as duplicates (counted from the tables). */
    duplicate_rows: number;
    models: number;
    models_failed: number;
    models_skipped: number;
    expectations: number;
    expectations_failed: { error: number; warn: number };
  };
}

export function buildRunReport(args: {
  engine: EngineInfo;
  startedAt: Date;
  finishedAt: Date;
  ingest: IngestReport;
  tables: TableInfo[];
  pipeline?: PipelineRun;
  /** The host process's peak resident memory, bytes (the CLI). */
  processPeakBytes?: number;
}): RunReport {
  const memory = args.pipeline?.memory;
  const { ingest } = args;
  const models = args.pipeline?.models ?? [];
  const expectations = args.pipeline?.expectations ?? [];
  const failed = (severity: string) => expectations.filter((e) => e.severity === severity && e.status !== 'pass' && e.status !== 'skipped').length;
  return {
    engine: args.engine,
    started_at: args.startedAt.toISOString(),
    finished_at: args.finishedAt.toISOString(),
    ...(ingest.batch !== undefined && { batch: ingest.batch }),
    sources: ingest.sources.map((s) => ({
      file: s.file,
      format: s.format,
      source: s.source,
      recognised: s.recognised,
      table: s.table,
      rows: s.rows,
      quarantined: s.quarantined,
      milliseconds: s.milliseconds,
      ...(s.batch !== undefined && { batch: s.batch }),
      problems: s.samples,
      notes: s.notes ?? [],
    })),
    errors: ingest.errors,
    skipped: ingest.skipped,
    notes: ingest.notes,
    models,
    expectations,
    tables: args.tables.map((t) => ({ table: `${t.layer}.${t.name}`, rows: t.rows })),
    ...((memory || args.processPeakBytes) && {
      memory: {
        held_bytes: memory?.heldBytes ?? 0,
        ...(memory?.limitBytes !== undefined && { limit_bytes: memory.limitBytes }),
        ...(args.processPeakBytes !== undefined && { process_peak_bytes: args.processPeakBytes }),
      },
    }),
    lineage: {
      tables: Object.fromEntries(models.map((m) => [m.name, m.depends_on])),
      columns: Object.fromEntries(models.filter((m) => bundledLineage.models[m.name]).map((m) => [m.name, bundledLineage.models[m.name]])),
    },
    totals: {
      // A dump or an archive is one file with several tables.
      files: new Set([...ingest.sources.map((s) => s.file), ...ingest.errors.map((e) => e.file)]).size,
      files_failed: new Set(ingest.errors.map((e) => e.file)).size,
      bronze_rows: ingest.sources.reduce((n, s) => n + s.rows, 0),
      quarantined_rows: ingest.sources.reduce((n, s) => n + s.quarantined, 0),
      duplicate_rows: args.tables.filter((t) => t.layer === 'duplicates').reduce((n, t) => n + t.rows, 0),
      models: models.length,
      models_failed: models.filter((m) => m.status === 'failed').length,
      models_skipped: models.filter((m) => m.status === 'skipped').length,
      expectations: expectations.length,
      expectations_failed: { error: failed('error'), warn: failed('warn') },
    },
  };
}
