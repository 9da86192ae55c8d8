import type { Layer } from '../../pipeline/layers';

/** What a grid shows: a table of a layer, or the SQL console's last result. */
export type GridSource = { kind: 'table'; layer: Layer; table: string } | { kind: 'console' };

export interface GridSort {
  column: string;
  desc: boolean;
}

/**
 * A column filter, as typed values; the worker turns it into SQL after checking the
 * column against the catalog. Range bounds and `equals` values are text as the user typed
 * them, checked against the column's type (a number for numbers, a date for dates).
 */
export type GridFilter =
  | { column: string; op: 'contains'; value: string }
  | { column: string; op: 'equals'; value: string }
  | { column: string; op: 'range'; min?: string; max?: string }
  | { column: string; op: 'isNull' }
  | { column: string; op: 'notNull' };

export interface WindowRequest {
  source: GridSource;
  sort?: GridSort[];
  filters?: GridFilter[];
  offset: number;
  limit: number;
}

export interface GridColumn {
  name: string;
  /** DuckDB's type, e.g. `DECIMAL(12,2)`. */
  type: string;
}

/** One window of rows and what the grid needs around it. */
export interface GridWindow {
  offset: number;
  /** Rows matching the filters (the scrollable height), not just this window's. */
  total: number;
  columns: GridColumn[];
  /** The window's rows as Arrow IPC stream bytes. */
  ipc: Uint8Array;
  milliseconds: number;
}

/** The most rows one window may hold: windows page through a table, they do not ship it. */
export const MAX_WINDOW = 1000;
