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

  // Reads wait for the last run's record when it is written after the run's answer (lakehouse/firstChart/runOrder.ts).
  async list(limit?: number): Promise<RunSummary[]> {
    return (await this.history()).list(limit);
  }

  async detail(id: number): Promise<RunDetail | undefined> {
    return (await this.history()).detail(id);
  }

  /** What changed from run `before` to run `after`; undefined when either is gone. */
  async compare(before: number, after: number): Promise<RunComparison | undefined> {
    const history = await this.history();
    const [b, a] = [await history.detail(before), await history.detail(after)];
    return b && a ? compareRuns(b, a) : undefined;
  }

  async trends(): Promise<RunTrends> {
    return (await this.history()).trends();
  }

  async retention(): Promise<RunRetention> {
    return (await this.history()).retention();
  }

  /** Why the last run could not be recorded, if it could not. */
  async problem(): Promise<string | undefined> {
    return (await this.history()).lastError;
  }

  setRetention(keep: number): Promise<RunRetention> {
    return this.change(() => this.lakehouse().history.setRetention(keep));
  }

  clear(): Promise<void> {
    return this.change(() => this.lakehouse().history.clear());
  }

  private async history() {
    const lakehouse = this.lakehouse();
    await lakehouse.bookkept();
    return lakehouse.history;
  }

  private async change<T>(work: () => Promise<T>): Promise<T> {
    await this.store.changing();
    const result = await this.lakehouse().exclusive(work);
    await this.store.save();
    return result;
  }
}
