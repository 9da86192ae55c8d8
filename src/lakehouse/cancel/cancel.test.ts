import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { generateOlist } from '../../demo/generateOlist';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';
import { CurrentOperation } from './currentOperation';

/**
 * Issue #7, cancel: a load or a pipeline run stops between its steps and leaves the
 * lakehouse consistent. Loads are cancelled right after their first batch reaches
 * DuckDB (an engine that aborts once insertArrow returns), so the file is mid-way for sure.
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const SELLERS = 200_000;
const DUMP = utf8(
  "CREATE TABLE `sellers` (`seller_id` varchar(32), `seller_zip_code_prefix` char(5), `seller_city` varchar(64), `seller_state` char(2));\n" +
    Array.from({ length: SELLERS / 1000 }, (_, s) =>
      'INSERT INTO `sellers` VALUES ' + Array.from({ length: 1000 }, (_, i) => `('s${s * 1000 + i}','01001','campinas','SP')`).join(',') + ';\n',
    ).join(''),
);
const NDJSON = utf8(Array.from({ length: 120_000 }, (_, i) => JSON.stringify({ seller_id: `s${i}`, seller_zip_code_prefix: '01001', seller_city: 'campinas', seller_state: 'SP' })).join('\n') + '\n');
const TRANSLATION = utf8('product_category_name,product_category_name_english\nbeleza_saude,health_beauty\npc_gamer,pc_gamer\n');

/** The engine, except that `controller` is aborted as soon as the first Arrow batch is in. */
function abortingAfterFirstBatch(engine: Engine, controller: AbortController): Engine {
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'insertArrow') {
        return async (...args: Parameters<Engine['insertArrow']>) => {
          await target.insertArrow(...args);
          controller.abort();
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('cancelling a load or a pipeline run (DuckDB-WASM in Node)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });
  beforeEach(async () => {
    await new Lakehouse(engine).reset();
  });

  // The data tables: meta.* records the batches (src/lakehouse/batches), which every load adds to.
  const tables = async () =>
    (await engine.query("SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name <> 'meta' ORDER BY t")).toArray().map((r) => String(r.t));
  const count = async (table: string) => Number((await engine.query(`SELECT count(*)::INTEGER AS n FROM ${table}`)).get(0)?.n);

  it.each([
    ['a multi-batch dump', 'shop/sellers.sql', DUMP],
    ['a multi-batch NDJSON export', 'shop/sellers.json', NDJSON],
  ])('%s cancelled mid-way leaves no table, no _loading or staging table, and the next load works', async (_name, path, bytes) => {
    const controller = new AbortController();
    const lakehouse = new Lakehouse(abortingAfterFirstBatch(engine, controller));
    const report = await lakehouse.load([{ path: 'translation.csv', bytes: TRANSLATION }, { path, bytes }], undefined, controller.signal);

    expect(controller.signal.aborted).toBe(true);
    expect(report.cancelled).toBe(true);
    expect(report.errors).toEqual([]);
    // The file loaded whole before the cancel stays; the one in progress left nothing.
    expect(report.sources.map((s) => s.table)).toEqual(['bronze.category_translation']);
    expect(await tables()).toEqual(['bronze.category_translation']);

    // The lakehouse is usable: the same file loads in full.
    const again = await new Lakehouse(engine).load([{ path, bytes }]);
    expect(again.cancelled).toBeUndefined();
    expect(again.sources.map((s) => [s.table, s.rows])).toEqual([['bronze.sellers', bytes === DUMP ? SELLERS : 120_000]]);
    expect(await count('bronze.sellers')).toBe(bytes === DUMP ? SELLERS : 120_000);
    expect((await tables()).filter((t) => t.includes('_loading') || t.startsWith('main.'))).toEqual([]);
  });

  it('a load cancelled before it starts reads nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await new Lakehouse(engine).load([{ path: 'translation.csv', bytes: TRANSLATION }], undefined, controller.signal);
    expect(report).toMatchObject({ cancelled: true, sources: [], errors: [] });
    expect(await tables()).toEqual([]);
  });

  it('a pipeline run cancelled after two models keeps them, skips the rest as cancelled, and a re-run completes', async () => {
    const lakehouse = new Lakehouse(engine);
    await lakehouse.load(generateOlist({ sf: 0.01 }).map((f) => ({ path: `demo/${f.name}`, bytes: f.bytes })));
    const controller = new AbortController();
    const run = await lakehouse.runPipeline(bundledModelFiles, {
      signal: controller.signal,
      onModel: (_m, index) => index === 1 && controller.abort(),
    });

    expect(run.cancelled).toBe(true);
    expect(run.ok).toBe(false);
    expect(run.expectations).toEqual([]);
    const [first, second, ...rest] = run.models;
    expect([first!.status, second!.status]).toEqual(['success', 'success']);
    expect(rest.length).toBeGreaterThan(10);
    for (const m of rest) expect(m).toMatchObject({ status: 'skipped', error: 'cancelled before it started' });
    const built = await tables();
    expect(built).toContain(first!.name);
    expect(built).toContain(second!.name);
    expect(built.filter((t) => t.startsWith('gold.'))).toEqual([]);
    expect(built.filter((t) => t.startsWith('main.'))).toEqual([]);

    const again = await lakehouse.runPipeline(bundledModelFiles);
    expect(again.cancelled).toBeUndefined();
    expect(again.models.every((m) => m.status === 'success')).toBe(true);
  });

  it('the worker cancels only an operation in progress', () => {
    const operations = new CurrentOperation();
    expect(operations.cancel()).toBe(false);
    const signal = operations.begin();
    expect(operations.cancel()).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(operations.cancel()).toBe(false);
    expect(operations.begin().aborted).toBe(false);
  });

  it('interrupts DuckDB for a load in progress only: not for a run, not once the load is over', () => {
    let interrupts = 0;
    const operations = new CurrentOperation(async () => interrupts++);
    operations.cancel();
    operations.begin('run');
    operations.cancel();
    expect(interrupts).toBe(0);
    const load = operations.begin('load');
    operations.end(load);
    expect(operations.cancel()).toBe(false);
    expect(interrupts).toBe(0);
    operations.begin('load');
    expect(operations.cancel()).toBe(true);
    expect(interrupts).toBe(1);
  });

  it('a CSV interrupted inside its read_csv statement leaves no table, and the lakehouse keeps working', async () => {
    // ~40 MB: read_csv takes long enough that the cancel lands inside the statement.
    const rows = Array.from({ length: 800_000 }, (_, i) => `s${i},01001,campinas,SP,${'x'.repeat(20)}`);
    const csv = utf8(`seller_id,seller_zip_code_prefix,seller_city,seller_state,note\n${rows.join('\n')}\n`);
    const operations = new CurrentOperation(() => engine.cancel());
    const signal = operations.begin('load');
    let interrupted = false;
    const watching = new Proxy(engine, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'exec') return typeof value === 'function' ? value.bind(target) : value;
        return async (sql: string) => {
          const running = target.exec(sql);
          if (/read_csv/.test(sql)) {
            // Cancel from "the UI" while DuckDB is inside the statement. In Node the WASM
            // calls are synchronous, so the engine is asked between its polls (microtasks).
            let settled = false;
            const outcome = running.then(() => false, () => true).finally(() => (settled = true));
            operations.cancel();
            while (!settled && !(await engine.cancel())) await Promise.resolve();
            interrupted = await outcome;
          }
          return running;
        };
      },
    });
    const report = await new Lakehouse(watching).load([{ path: 'sellers.csv', bytes: csv }], undefined, signal);
    expect(interrupted).toBe(true);
    expect(report.cancelled).toBe(true);
    expect(report.sources).toEqual([]);
    expect(await tables()).toEqual([]);
    expect(await count('(SELECT 42)')).toBe(1);
  });
});
