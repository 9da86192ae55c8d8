import { STORAGE_FOLDER } from './storedManifest';
import type { StorageDirectory } from './storageDirectory';

/** What Chromium's workers offer beyond createWritable: a synchronous, faster handle. */
interface SyncAccessHandle {
  truncate(size: number): void;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  flush(): void;
  close(): void;
}

/**
 * The stored lakehouse's folder in the Origin Private File System (navigator.storage,
 * available in workers). Files are written with a synchronous access handle where the
 * browser offers one (dedicated workers), otherwise with createWritable. Reading and the
 * size work while DuckDB holds the database file open (getFile() takes no lock).
 */
export class OpfsDirectory implements StorageDirectory {
  private folder?: Promise<FileSystemDirectoryHandle>;

  constructor(private readonly name = STORAGE_FOLDER) {}

  static available(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
  }

  private dir(): Promise<FileSystemDirectoryHandle> {
    this.folder ??= navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(this.name, { create: true }));
    return this.folder;
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    // keys() is missing from TypeScript's DOM typings of FileSystemDirectoryHandle.
    for await (const name of ((await this.dir()) as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  }

  async read(name: string): Promise<Uint8Array | undefined> {
    const file = await this.file(name);
    return file && new Uint8Array(await file.arrayBuffer());
  }

  async size(name: string): Promise<number | undefined> {
    return (await this.file(name))?.size;
  }

  private async file(name: string): Promise<File | undefined> {
    try {
      return await (await (await this.dir()).getFileHandle(name)).getFile();
    } catch (error) {
      if ((error as DOMException).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /**
   * Resolves once no one else has the file open for writing (tries an access handle and
   * closes it at once). After a reload the previous page's DuckDB may still hold the
   * database file for a moment; opening it then would fail.
   */
  async waitUntilFree(name: string, patienceMs = 5000): Promise<void> {
    const until = Date.now() + patienceMs;
    for (;;) {
      try {
        const handle = await (await this.dir()).getFileHandle(name);
        const access = await (handle as unknown as { createSyncAccessHandle(): Promise<SyncAccessHandle> }).createSyncAccessHandle();
        access.close();
        return;
      } catch (error) {
        const name = (error as DOMException).name;
        if (name === 'NotFoundError') return;
        if (name !== 'NoModificationAllowedError' || Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const handle = await (await this.dir()).getFileHandle(name, { create: true });
    const withSync = handle as unknown as { createSyncAccessHandle?: () => Promise<SyncAccessHandle> };
    if (typeof withSync.createSyncAccessHandle === 'function') {
      const access = await withSync.createSyncAccessHandle();
      try {
        access.truncate(0);
        access.write(bytes, { at: 0 });
        access.flush();
      } finally {
        access.close();
      }
      return;
    }
    const writable = await handle.createWritable();
    await writable.write(bytes as Uint8Array<ArrayBuffer>);
    await writable.close();
  }

  async remove(name: string): Promise<void> {
    try {
      await (await this.dir()).removeEntry(name);
    } catch (error) {
      if ((error as DOMException).name !== 'NotFoundError') throw error;
    }
  }
}
