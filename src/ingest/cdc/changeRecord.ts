/**
 * One row change read from a change-data-capture file (a Debezium topic dump, a decoded
 * MariaDB binary log), before it becomes bronze rows. Values are already text in the form
 * a CSV or a dump gives them (timestamps `YYYY-MM-DD HH:MM:SS`, decimals as plain text).
 */

/** Debezium's ops (c create, u update, d delete, r snapshot read); the binlog's map onto them. */
export type ChangeOp = 'c' | 'u' | 'd' | 'r';

/** A row image: column name → text value (null for SQL NULL), in the table's column order. */
export type RowImage = Map<string, string | null>;

export interface ChangeRecord {
  database?: string;
  table: string;
  op: ChangeOp;
  /** The row before the change: updates (when the source gives it) and deletes. */
  before: RowImage | null;
  /** The row after the change: creates, reads and updates. */
  after: RowImage | null;
  /** When the change happened, a TIMESTAMP literal in UTC; null when unknown. */
  changeAt: string | null;
  /** Line of the record in its file (1-based): the JSON line, or the binlog row's `###` line. */
  line: number;
  byteOffset?: number;
}

/** A record that could not be read at all: it goes to quarantine (or the load's errors) whole. */
export interface ChangeProblem {
  line: number;
  byteOffset?: number;
  /** The table it names, when that much could be read. */
  database?: string;
  table?: string;
  /** Column names it carries, when known: they can tell the logical source. */
  columns?: string[];
  reason: string;
  /** The record as written (the JSON line, the binlog event's lines). */
  raw: string;
}

export interface ParsedChanges {
  changes: ChangeRecord[];
  problems: ChangeProblem[];
  /** What the parser decided about the whole file (statements skipped, …). */
  notes: string[];
}
