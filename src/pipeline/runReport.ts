import type { EngineInfo } from '../engine/interface';
import type { IngestReport } from '../ingest/loadFiles';
import type { TableInfo } from '../lakehouse/tableInfo';

/** The run.json contract of DESIGN.md §7; models and expectations come with the pipeline. */
export interface RunReport {
  engine: EngineInfo;
  started_at: string;
  finished_at: string;
  sources: Array<{
    file: string;
    format: string;
    source: string;
    recognised: boolean;
    table: string;
    rows: number;
    quarantined: number;
    milliseconds: number;
  }>;
  errors: IngestReport['errors'];
  skipped: IngestReport['skipped'];
  models: unknown[];
  expectations: unknown[];
  tables: Array<{ table: string; rows: number }>;
  totals: {
    files: number;
    files_failed: number;
    bronze_rows: number;
    quarantined_rows: number;
  };
}

export function buildRunReport(args: {
  engine: EngineInfo;
  startedAt: Date;
  finishedAt: Date;
  ingest: IngestReport;
  tables: TableInfo[];
}): RunReport {
  const { ingest } = args;
  return {
    engine: args.engine,
    started_at: args.startedAt.toISOString(),
    finished_at: args.finishedAt.toISOString(),
    sources: ingest.sources.map((s) => ({
      file: s.file,
      format: s.format,
      source: s.source,
      recognised: s.recognised,
      table: s.table,
      rows: s.rows,
      quarantined: s.quarantined,
      milliseconds: s.milliseconds,
    })),
    errors: ingest.errors,
    skipped: ingest.skipped,
    models: [],
    expectations: [],
    tables: args.tables.map((t) => ({ table: `${t.layer}.${t.name}`, rows: t.rows })),
    totals: {
      files: ingest.sources.length + ingest.errors.length,
      files_failed: ingest.errors.length,
      bronze_rows: ingest.sources.reduce((n, s) => n + s.rows, 0),
      quarantined_rows: ingest.sources.reduce((n, s) => n + s.quarantined, 0),
    },
  };
}
