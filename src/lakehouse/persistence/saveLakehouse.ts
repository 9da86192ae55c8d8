import { qualified } from '../../engine/sql';
import type { Lakehouse } from '../lakehouse';
import { LOCAL_PARQUET, type ParquetCodec } from './parquetCodec';
import { createManifest, MANIFEST_FILE, tableFileName, type SavedTable } from './manifest';
import { sha256 } from './sha256';
import { clearDirectory, type StorageDirectory } from './storageDirectory';

export interface SaveResult {
  tables: number;
  bytes: number;
  savedAt: string;
  milliseconds: number;
}

/**
 * Saves every table of every layer as Parquet, then the manifest. The old manifest goes
 * first and the new one is written last, so a save cut short (tab closed, storage full)
 * leaves files without a manifest, which start-up recognises as unfinished. A save that
 * fails clears the folder rather than leave it half-written.
 */
export async function saveLakehouse(lakehouse: Lakehouse, dir: StorageDirectory, codec: ParquetCodec = LOCAL_PARQUET): Promise<SaveResult> {
  const started = performance.now();
  try {
    await dir.remove(MANIFEST_FILE);
    const saved: SavedTable[] = [];
    for (const t of await lakehouse.tables()) {
      // A save runs in the background: each step waits for the user's clicks to settle.
      await lakehouse.interactive.quiet();
      const ipc = await lakehouse.engine.queryIPC(`SELECT * FROM ${qualified(t.layer, t.name)}`);
      await lakehouse.interactive.quiet();
      const bytes = await codec.encode(ipc);
      const file = tableFileName(t.layer, t.name);
      await dir.write(file, bytes);
      saved.push({ layer: t.layer, name: t.name, file, rows: t.rows, bytes: bytes.byteLength, sha256: await sha256(bytes), columns: t.columns });
    }
    const keep = new Set(saved.map((t) => t.file));
    for (const name of await dir.list()) if (!keep.has(name)) await dir.remove(name);
    const manifest = createManifest(saved, lakehouse.session());
    await dir.write(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
    return { tables: saved.length, bytes: manifest.bytes, savedAt: manifest.savedAt, milliseconds: performance.now() - started };
  } catch (error) {
    await clearDirectory(dir).catch(() => undefined);
    throw new Error(`The lakehouse could not be saved in browser storage (${(error as Error).message}); it stays loaded in this tab only.`);
  }
}
