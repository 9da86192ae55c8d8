import type { StorageDirectory } from './storageDirectory';

/** A StorageDirectory in memory: for tests, which can also damage its files on purpose. */
export class MemoryDirectory implements StorageDirectory {
  readonly files = new Map<string, Uint8Array>();

  async list(): Promise<string[]> {
    return [...this.files.keys()];
  }

  async read(name: string): Promise<Uint8Array | undefined> {
    return this.files.get(name)?.slice();
  }

  async size(name: string): Promise<number | undefined> {
    return this.files.get(name)?.byteLength;
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    this.files.set(name, bytes.slice());
  }

  async remove(name: string): Promise<void> {
    this.files.delete(name);
  }
}
