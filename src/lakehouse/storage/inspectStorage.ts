import { DATABASE_FILE, MANIFEST_FILE, parseManifest, type StoredManifest } from './storedManifest';
import type { StorageDirectory } from './storageDirectory';

export type Inspection = { status: 'empty' } | { status: 'checkpointed'; manifest: StoredManifest } | { status: 'damaged'; why: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the storage folder holds, judged before DuckDB opens anything (opening would
 * write to the file): nothing; a checkpointed lakehouse (marker of this format version and
 * a database file at least as long as at the checkpoint); or something that must not be opened — files
 * without a marker (a change that did not finish), a marker of another version, a missing
 * or cut-short database file.
 */
export async function inspectStorage(folder: StorageDirectory): Promise<Inspection> {
  const names = await folder.list();
  const marker = await folder.read(MANIFEST_FILE);
  if (!marker) {
    if (names.length === 0) return { status: 'empty' };
    return { status: 'damaged', why: `a change did not finish: the checkpoint marker is missing (${plural(names.length, 'file')} without it)` };
  }
  let manifest: StoredManifest;
  try {
    manifest = parseManifest(marker);
  } catch (error) {
    return { status: 'damaged', why: (error as Error).message };
  }
  const bytes = await folder.size(DATABASE_FILE);
  if (bytes === undefined) return { status: 'damaged', why: 'its database file is missing' };
  // Larger is fine: the grid's working tables, the console's next results (and a rebuilt
  // dashboard) are written after the checkpoint; they only add blocks past its last one.
  if (bytes < manifest.databaseBytes) {
    return { status: 'damaged', why: `its database file has ${bytes} bytes where ${manifest.databaseBytes} were checkpointed (it was cut short)` };
  }
  return { status: 'checkpointed', manifest };
}
