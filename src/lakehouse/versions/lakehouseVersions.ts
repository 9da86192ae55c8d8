import type { Engine } from '../../engine/interface';
import type { Model } from '../../pipeline/model';
import { commitVersion, type CommittedVersion } from './commitVersion';
import { diffVersions, type VersionDiff } from './diffVersions';
import { tablesAsOf, type TableAsOf } from './readAsOf';
import { rollbackTo } from './rollback';
import { vacuumVersions, type VacuumResult } from './vacuumVersions';
import { listVersions, type VersionEntry } from './versionLog';
import type { VersionKind } from './versionSchema';

/**
 * The lakehouse's versions over one engine: what the Lakehouse commits after each run and
 * what the worker and the CLI expose. Keys come from the models' `-- key:` headers.
 */
export class LakehouseVersions {
  /** Why the last commit failed, if it did: the run it followed stands, the history view says so. */
  lastError?: string;

  constructor(
    private readonly engine: Engine,
    private readonly models: () => readonly Model[],
  ) {}

  private keys(): Map<string, string[]> {
    return new Map(this.models().map((m) => [m.id, m.key]));
  }

  /**
   * After a load and its run (a batch) or a re-run: never fails the run it follows.
   * `afterRun`: it follows an incremental run, whose build records say what changed.
   */
  async commit(kind: VersionKind, afterRun = false): Promise<CommittedVersion | undefined> {
    try {
      const committed = await commitVersion(this.engine, { kind, keys: this.keys(), afterRun });
      this.lastError = undefined;
      return committed;
    } catch (error) {
      this.lastError = `Version not committed: ${(error as Error).message}`;
      console.warn(this.lastError);
      return undefined;
    }
  }

  list(table?: string): Promise<VersionEntry[]> {
    return listVersions(this.engine, table);
  }

  diff(table: string, from: number, to: number, limit?: number): Promise<VersionDiff> {
    return diffVersions(this.engine, table, from, to, limit);
  }

  rollback(version: number): Promise<CommittedVersion> {
    return rollbackTo(this.engine, version, this.keys());
  }

  vacuum(keepBatches: number): Promise<VacuumResult> {
    return vacuumVersions(this.engine, keepBatches);
  }

  tablesAsOf(version: number): Promise<TableAsOf[]> {
    return tablesAsOf(this.engine, version);
  }
}
