import type { StorageDirectory } from './storageDirectory';

/** The folder in the origin's private file system that holds the saved lakehouse. */
export const OPFS_FOLDER = 'pocket-lakehouse';

/** What Chromium's workers offer beyond createWritable: a synchronous, faster handle. */
interface SyncAccessHandle {
  truncate(size: number): void;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  flush(): void;
  close(): void;
}

/**
 * The saved lakehouse's folder in the Origin Private File System (navigator.storage,
 * available in workers). Files are written with a synchronous access handle where the
 * browser offers one (dedicated workers), otherwise with createWritable.
 */
export class OpfsDirectory implements StorageDirectory {
  private folder?: Promise<FileSystemDirectoryHandle>;

  constructor(private readonly name = OPFS_FOLDER) {}

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
    try {
      const handle = await (await this.dir()).getFileHandle(name);
      return new Uint8Array(await (await handle.getFile()).arrayBuffer());
    } catch (error) {
      if ((error as DOMException).name === 'NotFoundError') return undefined;
      throw error;
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
