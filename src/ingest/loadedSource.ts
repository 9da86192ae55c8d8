import type { IngestProblem } from './ingestError';

export type SourceKind = 'csv' | 'mysql' | 'mongo' | 'json' | 'parquet';

/** What one input file (or one table inside it) became in bronze. */
export interface LoadedSource {
  file: string;
  format: SourceKind;
  /** The logical source (DESIGN.md §4), or the table's own name when unrecognised. */
  source: string;
  recognised: boolean;
  table: string;
  rows: number;
  /** Rows that could not be parsed and went to quarantine.<source>. */
  quarantined: number;
  columns: string[];
  /** Row-level problems, a few of them, for the report; all are in quarantine. */
  samples: IngestProblem[];
  /** What the loader decided or passed over on the way (views skipped, zero dates, …). */
  notes?: string[];
  milliseconds: number;
}
