import { LAYERS, type Layer } from '../../pipeline/layers';
import type { LakehouseSession } from '../session';
import type { ColumnInfo } from '../tableInfo';

export const MANIFEST_FILE = 'manifest.json';
/** Bumped when the saved layout changes; a saved lakehouse of another version is not read. */
export const FORMAT_VERSION = 1;
const FORMAT = 'pocket-lakehouse';

/** One saved table: its Parquet file and what that file must hold. */
export interface SavedTable {
  layer: Layer;
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: ColumnInfo[];
}

/** Written last by a save: without it, the files beside it are a save that did not finish. */
export interface Manifest {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  tables: SavedTable[];
  /** Sum of the tables' file sizes. */
  bytes: number;
  session: LakehouseSession;
}

export function createManifest(tables: SavedTable[], session: LakehouseSession): Manifest {
  return { format: FORMAT, version: FORMAT_VERSION, savedAt: new Date().toISOString(), tables, bytes: tables.reduce((n, t) => n + t.bytes, 0), session };
}

/** A table's file name: the layer and the table name, escaped so any name is a valid flat file name. */
export function tableFileName(layer: Layer, name: string): string {
  return `${layer}.${encodeURIComponent(name)}.parquet`;
}

/**
 * The manifest's JSON, checked for shape and version. Throws a message a person can act
 * on; the caller offers to reset the saved data.
 */
export function parseManifest(bytes: Uint8Array): Manifest {
  let value: Partial<Manifest>;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('its manifest is not readable JSON (the save was damaged)');
  }
  if (value?.format !== FORMAT) throw new Error('its manifest is not a Pocket Lakehouse manifest');
  if (value.version !== FORMAT_VERSION) throw new Error(`it was saved in format version ${String(value.version)}, and this version of the app reads version ${FORMAT_VERSION}`);
  if (!Array.isArray(value.tables) || !value.session || !Array.isArray(value.session.ingest?.sources)) throw new Error('its manifest is incomplete');
  for (const t of value.tables) {
    const ok =
      LAYERS.includes(t?.layer) &&
      typeof t.name === 'string' &&
      t.file === tableFileName(t.layer, t.name) &&
      Number.isSafeInteger(t.rows) &&
      Number.isSafeInteger(t.bytes) &&
      typeof t.sha256 === 'string' &&
      Array.isArray(t.columns);
    if (!ok) throw new Error(`its manifest lists a table it cannot describe (${String(t?.layer)}.${String(t?.name)})`);
  }
  return value as Manifest;
}
