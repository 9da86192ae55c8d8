/**
 * DuckDB-WASM's AsyncDuckDB forgets its pending calls when its worker reports an error (an
 * abort inside the WASM module): their promises then never settle, and the page waits
 * for good with no message. This wraps the database so that every call that returns a
 * promise settles with `failed` as soon as the worker has failed, and every later call at
 * once, with the worker's error named.
 */
export function untilWorkerFails<T extends object>(db: T, failed: Promise<never>): T {
  // Nobody may be waiting when the worker fails: not an unhandled rejection.
  failed.catch(() => undefined);
  return new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? Promise.race([result, failed]) : result;
      };
    },
  });
}

/** Rejects with the worker's first error: what every call of a failed DuckDB worker answers. */
export function workerFailure(worker: Worker): Promise<never> {
  return new Promise<never>((_, reject) =>
    worker.addEventListener(
      'error',
      (e) => reject(new Error(`DuckDB's worker stopped with an error (${e.message || 'no message'}); most often it ran out of memory. Reload the page; the lakehouse stored in this browser is checked at the next start.`)),
      { once: true },
    ),
  );
}
