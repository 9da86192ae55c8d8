import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { testEngines } from '../engine/testEngines';
import { loadFiles } from '../ingest/loadFiles';
import { resumeSet } from './dag';
import { parseModel, type Model } from './model';
import { runPipeline, type RunOptions } from './runner';

const utf8 = (s: string) => new TextEncoder().encode(s);
const SELLERS = 'seller_id,seller_zip_code_prefix\ns1,01037\ns2,02000\n';

/**
 * A gold model that fails until it has been tried `failures + 1` times: the test hook counts
 * the tries (across runs) in main.tries before each one, and the model's SQL raises a real DuckDB error
 * (error()) while the count is low, as a transient failure would.
 */
function flaky(retries: number | undefined, failures: number): Model {
  return parseModel({
    path: 'gold/flaky.sql',
    sql: `-- Fails ${failures} times, then works.\n${retries === undefined ? '' : `-- retries: ${retries}\n`}SELECT CASE WHEN (SELECT max(n) FROM main.tries) <= ${failures} THEN error('transient: not ready yet') ELSE count(*) END AS sellers FROM silver.sellers`,
  });
}
const SILVER = parseModel({ path: 'silver/sellers.sql', sql: '-- Sellers.\n-- key: seller_id\nSELECT seller_id, _source, _source_kind, _row, _loaded_at, NULL AS _reason FROM bronze.sellers' });
const AFTER = parseModel({ path: 'gold/after_flaky.sql', sql: '-- Reads flaky.\nSELECT * FROM gold.flaky' });

describe.each(testEngines)('retries on the %s engine', (_kind, open) => {
  let engine: Engine;
  const tries: Array<[string, number]> = [];
  let flakyTries = 0;
  beforeEach(() => {
    tries.length = 0;
    flakyTries = 0;
  });
  const options = (extra: RunOptions = {}): RunOptions => ({
    retryPauseMs: 20,
    ...extra,
    testHooks: {
      beforeAttempt: async (model, attempt) => {
        tries.push([model.id, attempt]);
        if (model.id === 'gold.flaky') await engine.exec(`CREATE OR REPLACE TABLE main.tries AS SELECT ${++flakyTries} AS n`);
        await extra.testHooks?.beforeAttempt?.(model, attempt);
      },
    },
  });
  beforeAll(async () => {
    engine = await open();
    await loadFiles(engine, [{ path: 'sellers.csv', bytes: utf8(SELLERS) }]);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('a model that fails once and declares retries succeeds on the second try, and says so', async () => {
    const run = await runPipeline(engine, [SILVER, flaky(2, 1), AFTER], options());
    expect(run.ok).toBe(true);
    const model = run.models.find((m) => m.name === 'gold.flaky')!;
    expect(model).toMatchObject({ status: 'success', rows: 1, attempts: 2 });
    expect(model.retried_errors).toHaveLength(1);
    expect(model.retried_errors![0]).toContain('transient: not ready yet');
    expect(run.models.find((m) => m.name === 'gold.after_flaky')).toMatchObject({ status: 'success', attempts: 1 });
    expect(tries.filter(([id]) => id === 'gold.flaky').map(([, n]) => n)).toEqual([1, 2]);
    expect((await engine.query('SELECT sellers FROM gold.flaky')).toArray().map((r) => Number(r.sellers))).toEqual([2]);
  });

  it('without retries: declared, the same model fails on its first try', async () => {
    const run = await runPipeline(engine, [SILVER, flaky(undefined, 1), AFTER], options());
    expect(run.ok).toBe(false);
    expect(run.models.find((m) => m.name === 'gold.flaky')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.models.find((m) => m.name === 'gold.flaky')!.error).toContain('transient: not ready yet');
    expect(run.models.find((m) => m.name === 'gold.flaky')!.retried_errors).toBeUndefined();
  });

  it('gives up after N retries, with a pause that doubles (50, 100, 200 ms)', async () => {
    const retries: number[][] = [];
    const starts: number[] = [];
    const timed: RunOptions = { ...options(), retryPauseMs: 50, onRetry: (_m, attempt, ms) => retries.push([attempt, ms]) };
    const hook = timed.testHooks!.beforeAttempt!;
    timed.testHooks = { beforeAttempt: async (m, a) => (m.id === 'gold.flaky' && starts.push(performance.now()), hook(m, a)) };
    const run = await runPipeline(engine, [SILVER, flaky(3, 5)], timed);
    const model = run.models.find((m) => m.name === 'gold.flaky')!;
    expect(model).toMatchObject({ status: 'failed', attempts: 4 });
    expect(model.retried_errors).toHaveLength(3);
    expect(retries).toEqual([[1, 50], [2, 100], [3, 200]]);
    // Each try starts at least its pause after the one before.
    expect(starts.slice(1).map((t, i) => t - starts[i]! >= retries[i]![1]! - 1)).toEqual([true, true, true]);
  });

  it('does not retry an out-of-memory failure: it keeps the out-of-memory message', async () => {
    const oom = async (model: Model, attempt: number) => {
      if (model.id === 'gold.flaky' && attempt === 1) throw new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)');
    };
    const run = await runPipeline(engine, [SILVER, flaky(3, 0)], options({ testHooks: { beforeAttempt: oom } }));
    const model = run.models.find((m) => m.name === 'gold.flaky')!;
    expect(model).toMatchObject({ status: 'failed', attempts: 1 });
    expect(model.error).toMatch(/^DuckDB ran out of memory building gold.flaky/);
  });

  it('a cancel during the pause between tries stops the run there', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const run = await runPipeline(engine, [SILVER, flaky(3, 5), AFTER], {
      ...options(),
      retryPauseMs: 10_000,
      signal: controller.signal,
      onModel: (m) => m.name === 'silver.sellers' && setTimeout(() => controller.abort(), 100),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(run.cancelled).toBe(true);
    expect(run.models.find((m) => m.name === 'gold.flaky')).toMatchObject({ status: 'skipped', attempts: 1 });
    expect(run.models.find((m) => m.name === 'gold.flaky')!.error).toMatch(/cancelled while it waited/);
    expect(run.models.find((m) => m.name === 'gold.after_flaky')!.status).toBe('skipped');
  });

  it('a failed run resumes from its failed models without rebuilding what succeeded', async () => {
    const models = [SILVER, flaky(undefined, 1), AFTER];
    const first = await runPipeline(engine, models, options());
    expect(first.models.map((m) => m.status)).toEqual(['success', 'failed', 'skipped']);
    tries.length = 0;
    // The first run's only try was the flaky model's first: the resumed one is its second.
    const resumed = await runPipeline(engine, models, { ...options(), only: resumeSet(models, first.models) });
    expect(tries.map(([id]) => id)).toEqual(['gold.flaky', 'gold.after_flaky']);
    expect(resumed.ok).toBe(true);
    expect(resumed.models.map((m) => [m.name, m.status])).toEqual([['gold.flaky', 'success'], ['gold.after_flaky', 'success']]);
  });
});
