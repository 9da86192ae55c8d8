import type { IngestProblem } from './ingestError';

export type SourceKind = 'csv' | 'mysql' | 'mongo' | 'json' | 'parquet' | 'debezium' | 'binlog';

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
  /** The lakehouse batch the rows were loaded in (src/lakehouse/batches). */
  batch?: number;
  /** Document sources (Mongo): how each field's type was chosen, one entry per column. */
  typeDecisions?: TypeDecision[];
  /** Document sources (Mongo): per top-level field, documents that lacked it and explicit nulls. */
  fieldStats?: FieldStat[];
}

/**
 * How the values of one field became one column, for sources whose values carry their
 * own types (a Mongo collection): the types seen, the column type and why.
 */
export interface TypeDecision {
  /** The field: a top-level name, or a path inside it (`dims.height`, `tags[]`). */
  field: string;
  /** The bronze column it lives in (the top-level field's column). */
  column: string;
  /** BSON types seen, with counts, in order of first appearance (`null` included). */
  typesSeen: { type: string; count: number }[];
  /** The DuckDB type chosen. */
  columnType: string;
  reason: string;
}

/** Presence of one top-level field: a missing field and an explicit null both load as NULL. */
export interface FieldStat {
  field: string;
  column: string;
  /** Documents that had the field, null included. */
  present: number;
  /** Documents that lacked the field. */
  missing: number;
  /** Documents where the field was null (or the deprecated BSON undefined). */
  nulls: number;
}
