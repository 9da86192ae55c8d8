/** The Web Lock held by the one worker that has the stored lakehouse's database file open. */
export const WRITER_LOCK = 'pocket-lakehouse-database';

/**
 * Takes the stored lakehouse's writer lock and keeps it until this worker ends (the
 * browser releases it when the page closes or reloads). An OPFS file has one writer: a
 * second tab, or an embed while the app is open, does not get the lock and must not open
 * the file. `waitMs`: after a reload the previous page's worker may hold the lock for a
 * moment longer, so a tab waits a little before it concludes that another one has it.
 * Resolves true when this worker holds the lock (or the browser has no Web Locks, where
 * DuckDB's exclusive access handle is the only guard).
 */
export function takeWriterLock(waitMs = 3000): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    locks
      .request(WRITER_LOCK, { signal: AbortSignal.timeout(waitMs) }, () => {
        resolve(true);
        return new Promise<never>(() => undefined); // held for the worker's lifetime
      })
      .catch(() => resolve(false));
  });
}
