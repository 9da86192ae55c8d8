import { expect, it } from 'vitest';
import { untilWorkerFails } from './untilWorkerFails';

/** A stand-in for AsyncDuckDB whose worker has stopped: it never answers. */
class SilentDatabase {
  calls = 0;
  readonly name = 'silent';
  runQuery(_sql: string): Promise<string> {
    this.calls++;
    return new Promise(() => undefined);
  }
  getVersion(): Promise<string> {
    return Promise.resolve('v1');
  }
  syncValue(): number {
    return 7;
  }
}

it('a call waiting on a worker that fails rejects with its error, and so does every later call', async () => {
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const db = untilWorkerFails(new SilentDatabase(), failed);
  expect(await db.getVersion()).toBe('v1');
  expect(db.syncValue()).toBe(7);
  expect(db.name).toBe('silent');
  const waiting = db.runQuery('SELECT 1');
  fail(new Error('Aborted(OOM)'));
  await expect(waiting).rejects.toThrow('Aborted(OOM)');
  await expect(db.runQuery('SELECT 2')).rejects.toThrow('Aborted(OOM)');
  expect(db.calls).toBe(2);
});
