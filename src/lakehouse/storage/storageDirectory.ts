/**
 * A flat folder of named files: the part of the Origin Private File System that the
 * stored lakehouse needs beside DuckDB's own access (its manifest, the database file's
 * size, removing the files), behind an interface so unit tests run on a Map
 * (memoryDirectory) and the worker on OPFS (opfsDirectory).
 */
export interface StorageDirectory {
  list(): Promise<string[]>;
  /** The file's bytes, or undefined when there is no such file. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** The file's size in bytes, or undefined when there is no such file. */
  size(name: string): Promise<number | undefined>;
  /** Creates or replaces the file. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes the file; no error when it does not exist. */
  remove(name: string): Promise<void>;
}

/**
 * Removes every file of the folder. A file DuckDB had open stays locked for a moment after
 * its worker is stopped (the browser releases the access handle asynchronously), so a
 * refused removal is tried again for a few seconds.
 */
export async function clearDirectory(dir: StorageDirectory, patienceMs = 5000): Promise<void> {
  const until = Date.now() + patienceMs;
  for (const name of await dir.list()) {
    for (;;) {
      try {
        await dir.remove(name);
        break;
      } catch (error) {
        if ((error as DOMException).name !== 'NoModificationAllowedError' || Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
