import type { ChartId } from './chartId';

/**
 * Which charts a staged build of the dashboard's tables (stagedBuild.ts) has made ready so
 * far, for the page's queries that wait on them: a query gets the charts that are ready
 * and is told which are not yet, instead of waiting for all of them.
 */
export class ChartReadiness {
  private readonly ready = new Set<ChartId>();
  private waiting: (() => void)[] = [];
  private over = false;

  /** `charts` can be answered now. */
  markReady(charts: readonly ChartId[]): void {
    for (const chart of charts) this.ready.add(chart);
    this.wake();
  }

  /** The staged build is over, whether or not it made every chart ready: nobody waits any more. */
  end(): void {
    this.over = true;
    this.wake();
  }

  get ended(): boolean {
    return this.over;
  }

  isReady(chart: ChartId): boolean {
    return this.ready.has(chart);
  }

  /**
   * Waits until one of `charts` is ready (or the build is over), then splits them into the
   * ready ones and the pending ones. Once it is over nothing is pending: what it did not
   * make ready is built on demand.
   */
  async split(charts: readonly ChartId[]): Promise<{ ready: ChartId[]; pending: ChartId[] }> {
    while (!this.over && charts.length > 0 && !charts.some((c) => this.ready.has(c))) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.over) return { ready: [...charts], pending: [] };
    return { ready: charts.filter((c) => this.ready.has(c)), pending: charts.filter((c) => !this.ready.has(c)) };
  }

  /** Waits until every one of `charts` is ready, or the build is over. */
  async all(charts: readonly ChartId[]): Promise<void> {
    while (!this.over && !charts.every((c) => this.ready.has(c))) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
