/**
 * Runs the lakehouse's writing operations (loads, pipeline runs, re-runs, resets, saves)
 * one after another. The worker has one DuckDB connection, so two operations started
 * together interleave statement by statement: a file dropped while the previous load's
 * pipeline still ran once made both look for `quarantine.products`, both find none, and
 * the second CREATE fail ("already exists"). Queued instead, the later one starts when
 * the earlier one has finished, whether it succeeded or failed.
 */
export class OneWriter {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
