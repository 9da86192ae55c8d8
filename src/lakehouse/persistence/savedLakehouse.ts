import type { Lakehouse } from '../lakehouse';
import { restoreLakehouse, type RestoreResult } from './restoreLakehouse';
import { saveLakehouse, type SaveResult } from './saveLakehouse';
import { clearDirectory, type StorageDirectory } from './storageDirectory';

/**
 * The lakehouse saved in browser storage, for the worker: restore at start-up, save after
 * each pipeline run, clear on reset. Without a storage folder (a browser without OPFS)
 * nothing is saved and start-up finds nothing.
 */
export class SavedLakehouse {
  constructor(private readonly dir: StorageDirectory | undefined) {}

  get available(): boolean {
    return this.dir !== undefined;
  }

  restore(lakehouse: Lakehouse): Promise<RestoreResult> {
    return this.dir ? restoreLakehouse(lakehouse, this.dir) : Promise.resolve({ status: 'empty' });
  }

  async save(lakehouse: Lakehouse): Promise<SaveResult | undefined> {
    return this.dir && saveLakehouse(lakehouse, this.dir);
  }

  async clear(): Promise<void> {
    if (this.dir) await clearDirectory(this.dir);
  }
}
