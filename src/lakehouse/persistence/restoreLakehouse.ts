import { columnTypes } from '../../engine/catalog';
import { qualified, quoteIdent } from '../../engine/sql';
import type { Lakehouse } from '../lakehouse';
import { LOCAL_PARQUET, type ParquetCodec } from './parquetCodec';
import { MANIFEST_FILE, parseManifest, type Manifest, type SavedTable } from './manifest';
import { sha256 } from './sha256';
import type { StorageDirectory } from './storageDirectory';

export type RestoreResult =
  | { status: 'empty' }
  | { status: 'restored'; tables: number; bytes: number; savedAt: string; milliseconds: number }
  /** The saved data cannot be used; the message says why, and the app offers to reset it. */
  | { status: 'damaged'; message: string };

const damaged = (why: string): RestoreResult => ({ status: 'damaged', message: `The lakehouse saved in this browser cannot be restored: ${why}.` });
const tableName = (t: SavedTable) => `${t.layer}.${t.name}`;

/**
 * Restores a saved lakehouse into an empty one: every file is checked against the
 * manifest (present, same size, same SHA-256) before anything is loaded, then each
 * Parquet file goes back through Arrow into DuckDB with its saved column types (the next
 * file is decoded while one is inserted), and the session's reports are taken over. Any
 * failure leaves the lakehouse empty, never half restored.
 */
export async function restoreLakehouse(lakehouse: Lakehouse, dir: StorageDirectory, codec: ParquetCodec = LOCAL_PARQUET): Promise<RestoreResult> {
  const started = performance.now();
  const manifestBytes = await dir.read(MANIFEST_FILE);
  if (!manifestBytes) {
    const files = await dir.list();
    return files.length === 0 ? { status: 'empty' } : damaged(`a save did not finish (${files.length} file${files.length === 1 ? '' : 's'} without a manifest)`);
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestBytes);
  } catch (error) {
    return damaged((error as Error).message);
  }
  const files = new Map<SavedTable, Uint8Array>();
  for (const t of manifest.tables) {
    const bytes = await dir.read(t.file);
    if (!bytes) return damaged(`the file of ${tableName(t)} is missing`);
    if (bytes.byteLength !== t.bytes) return damaged(`the file of ${tableName(t)} has ${bytes.byteLength} bytes where ${t.bytes} were saved (cut short or overwritten)`);
    if ((await sha256(bytes)) !== t.sha256) return damaged(`the file of ${tableName(t)} does not match its checksum (corrupted)`);
    files.set(t, bytes);
  }
  await lakehouse.reset();
  let current: SavedTable | undefined;
  // One table ahead: the next file is decoded while DuckDB inserts this one.
  const decode = (t: SavedTable | undefined) => {
    if (!t) return undefined;
    const ipc = codec.decode(files.get(t)!);
    files.delete(t);
    // A failure is met when the table's turn comes; until then it must not go unhandled.
    ipc.catch(() => undefined);
    return ipc;
  };
  try {
    let ahead = decode(manifest.tables[0]);
    for (const [i, t] of manifest.tables.entries()) {
      current = t;
      const ipc = await ahead!;
      ahead = decode(manifest.tables[i + 1]);
      await restoreTable(lakehouse, t, ipc);
    }
    lakehouse.adoptSession(manifest.session);
  } catch (error) {
    await lakehouse.reset();
    return damaged(`${current ? tableName(current) : 'a table'} could not be read back (${(error as Error).message})`);
  }
  return { status: 'restored', tables: manifest.tables.length, bytes: manifest.bytes, savedAt: manifest.savedAt, milliseconds: performance.now() - started };
}

/** A DuckDB type name that can be written into SQL as is: `HUGEINT`, `DECIMAL(38,0)`, `TIMESTAMP WITH TIME ZONE`. */
const PLAIN_TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?$/;

async function restoreTable(lakehouse: Lakehouse, t: SavedTable, ipc: Uint8Array): Promise<void> {
  const { engine } = lakehouse;
  const target = qualified(t.layer, t.name);
  if (t.rows === 0) {
    // An empty Arrow stream creates no table in DuckDB-WASM: declare it from the saved types.
    const columns = t.columns.map((c) => {
      if (!PLAIN_TYPE.test(c.type)) throw new Error(`column ${c.name} has a type that cannot be declared: ${c.type}`);
      return `${quoteIdent(c.name)} ${c.type}`;
    });
    await engine.exec(`CREATE TABLE ${target} (${columns.join(', ')})`);
  } else {
    await engine.insertIPC(`${t.layer}.${t.name}`, ipc);
  }
  // Parquet has no HUGEINT (it comes back as DECIMAL(38,0)): put back the saved types.
  const now = await columnTypes(engine, t.layer, t.name);
  for (const c of t.columns) {
    if (!now.has(c.name)) throw new Error(`column ${c.name} is missing`);
    if (now.get(c.name) !== c.type && PLAIN_TYPE.test(c.type)) await engine.exec(`ALTER TABLE ${target} ALTER COLUMN ${quoteIdent(c.name)} SET DATA TYPE ${c.type}`);
  }
  const rows = Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${target}`)).get(0)!.n);
  if (rows !== t.rows) throw new Error(`${rows} rows where ${t.rows} were saved`);
}
