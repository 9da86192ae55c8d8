import type { Lakehouse } from '../lakehouse';
import { restoreLakehouse, type RestoreResult } from './restoreLakehouse';
import type { ParquetCodec } from './parquetCodec';
import { saveLakehouse, type SaveResult } from './saveLakehouse';
import { clearDirectory, type StorageDirectory } from './storageDirectory';

/**
 * The lakehouse saved in browser storage, for the worker: restore at start-up, save after
 * each pipeline run, clear on reset. Without a storage folder (a browser without OPFS)
 * nothing is saved and start-up finds nothing.
 */
export class SavedLakehouse {
  /** The save under way, if any: saves run one at a time, and loads wait for them. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: StorageDirectory | undefined,
    private readonly codec?: ParquetCodec,
  ) {}

  /**
   * Resolves once no save is running. A load that started during a save would change
   * tables the save is still reading; waiting keeps every save a snapshot of one state.
   */
  idle(): Promise<void> {
    return this.pending.then(() => undefined);
  }

  get available(): boolean {
    return this.dir !== undefined;
  }

  restore(lakehouse: Lakehouse): Promise<RestoreResult> {
    return this.dir ? restoreLakehouse(lakehouse, this.dir, this.codec) : Promise.resolve({ status: 'empty' });
  }

  save(lakehouse: Lakehouse): Promise<SaveResult | undefined> {
    const dir = this.dir;
    // Also one of the lakehouse's writers: a re-run started during the save waits for it.
    return this.queue(async () => dir && lakehouse.exclusive(() => saveLakehouse(lakehouse, dir, this.codec)));
  }

  clear(): Promise<void> {
    const dir = this.dir;
    return this.queue(async () => dir && clearDirectory(dir));
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.pending.then(work);
    this.pending = next.catch(() => undefined);
    return next;
  }
}
