import type { GridColumn } from '../grid/gridTypes';

/** What running the console's SQL came to; plain data for the page. */
export type ConsoleOutcome =
  /** The last statement returned rows, now in the console's result table (page through it with the grid). */
  | { kind: 'rows'; rows: number; columns: GridColumn[]; statements: number; milliseconds: number }
  /** The last statement changed rows (INSERT, UPDATE, DELETE, CREATE TABLE … AS). */
  | { kind: 'changed'; rows: number; statements: number; milliseconds: number }
  /** The last statement returned nothing to show (CREATE VIEW, SET…). */
  | { kind: 'done'; statements: number; milliseconds: number }
  | { kind: 'cancelled'; milliseconds: number }
  /** DuckDB's message, and which statement (1-based) failed when there were several. */
  | { kind: 'error'; message: string; statement?: number; milliseconds: number };
