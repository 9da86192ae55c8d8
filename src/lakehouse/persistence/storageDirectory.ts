/**
 * A flat folder of named files: the part of the Origin Private File System that saving
 * needs, behind an interface so unit tests run on a Map (memoryDirectory) and the worker
 * on OPFS (opfsDirectory).
 */
export interface StorageDirectory {
  list(): Promise<string[]>;
  /** The file's bytes, or undefined when there is no such file. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Creates or replaces the file. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes the file; no error when it does not exist. */
  remove(name: string): Promise<void>;
}

/** Removes every file of the folder. */
export async function clearDirectory(dir: StorageDirectory): Promise<void> {
  for (const name of await dir.list()) await dir.remove(name);
}
