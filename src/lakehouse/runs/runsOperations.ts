import type { Lakehouse } from '../lakehouse';
import { compareRuns, type RunComparison } from './compareRuns';
import type { RunDetail, RunRetention, RunSummary, RunTrends } from './runTypes';

/** What a change of the history needs from the browser's storage: drop the marker first, checkpoint after. */
export interface HistoryStore {
  changing(): Promise<void>;
  save(): Promise<unknown>;
}

/**
 * The Runs view's typed operations, as the worker exposes them (`api.runs.list()`): reads
 * of the current lakehouse's history, and the two changes — retention and clearing —
 * made as the lakehouse's other writes are (one writer, then stored).
 */
export class RunsOperations {
  constructor(
    private readonly lakehouse: () => Lakehouse,
    private readonly store: HistoryStore,
  ) {}

  list(limit?: number): Promise<RunSummary[]> {
    return this.lakehouse().history.list(limit);
  }

  detail(id: number): Promise<RunDetail | undefined> {
    return this.lakehouse().history.detail(id);
  }

  /** What changed from run `before` to run `after`; undefined when either is gone. */
  async compare(before: number, after: number): Promise<RunComparison | undefined> {
    const history = this.lakehouse().history;
    const [b, a] = [await history.detail(before), await history.detail(after)];
    return b && a ? compareRuns(b, a) : undefined;
  }

  trends(): Promise<RunTrends> {
    return this.lakehouse().history.trends();
  }

  retention(): Promise<RunRetention> {
    return this.lakehouse().history.retention();
  }

  /** Why the last run could not be recorded, if it could not. */
  problem(): string | undefined {
    return this.lakehouse().history.lastError;
  }

  setRetention(keep: number): Promise<RunRetention> {
    return this.change(() => this.lakehouse().history.setRetention(keep));
  }

  clear(): Promise<void> {
    return this.change(() => this.lakehouse().history.clear());
  }

  private async change<T>(work: () => Promise<T>): Promise<T> {
    await this.store.changing();
    const result = await this.lakehouse().exclusive(work);
    await this.store.save();
    return result;
  }
}
