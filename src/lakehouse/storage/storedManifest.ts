import { LAYERS, type Layer } from '../../pipeline/layers';
import type { LakehouseSession } from '../session';
import type { ColumnInfo } from '../tableInfo';

/** The folder in the origin's private file system that holds the stored lakehouse. */
export const STORAGE_FOLDER = 'pocket-lakehouse';
/** DuckDB's database file (DuckDB adds `<file>.wal` beside it). */
export const DATABASE_FILE = 'lakehouse.duckdb';
export const DATABASE_PATH = `opfs://${STORAGE_FOLDER}/${DATABASE_FILE}`;
/** The checkpoint marker: written after each checkpoint, removed before each change. */
export const MANIFEST_FILE = 'manifest.json';
/**
 * Bumped when the stored layout changes; a lakehouse stored in another version is not
 * opened. 1 was one Parquet file per table; 2 is one DuckDB database file.
 */
export const FORMAT_VERSION = 2;
const FORMAT = 'pocket-lakehouse';

/** A table as the checkpoint left it: what the database file must still hold. */
export interface StoredTable {
  layer: Layer;
  name: string;
  rows: number;
  columns: ColumnInfo[];
}

/**
 * Written after a checkpoint, when the database file holds exactly these tables: without
 * it, the file is a change that did not finish (or a crash in the middle of a run).
 */
export interface StoredManifest {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  /** The database file's size right after the checkpoint: a shorter file was cut. */
  databaseBytes: number;
  tables: StoredTable[];
  session: LakehouseSession;
}

export function createManifest(tables: StoredTable[], databaseBytes: number, session: LakehouseSession): StoredManifest {
  return { format: FORMAT, version: FORMAT_VERSION, savedAt: new Date().toISOString(), databaseBytes, tables, session };
}

/**
 * The manifest's JSON, checked for shape and version. Throws a message a person can act
 * on; the caller offers to reset the stored lakehouse.
 */
export function parseManifest(bytes: Uint8Array): StoredManifest {
  let value: Partial<StoredManifest>;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('its checkpoint marker is not readable JSON (it was damaged)');
  }
  if (value?.format !== FORMAT) throw new Error('its checkpoint marker is not a Pocket Lakehouse manifest');
  if (value.version !== FORMAT_VERSION) throw new Error(`it was saved in format version ${String(value.version)}, and this version of the app reads version ${FORMAT_VERSION}`);
  if (!Array.isArray(value.tables) || !Number.isSafeInteger(value.databaseBytes) || !value.session || !Array.isArray(value.session.ingest?.sources)) {
    throw new Error('its checkpoint marker is incomplete');
  }
  for (const t of value.tables) {
    const ok = LAYERS.includes(t?.layer) && typeof t.name === 'string' && Number.isSafeInteger(t.rows) && Array.isArray(t.columns);
    if (!ok) throw new Error(`its checkpoint marker lists a table it cannot describe (${String(t?.layer)}.${String(t?.name)})`);
  }
  return value as StoredManifest;
}
