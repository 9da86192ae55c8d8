import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { Lakehouse } from '../lakehouse';
import { CONSOLE_SCHEMA } from './consoleResult';

/**
 * The stored lakehouse's save (storage/storedLakehouse.ts) drops the working tables before
 * its CHECKPOINT, and runs whenever a load ends, so it can land between the console's own
 * statements. In CI (e2e/console.spec.ts, a long query typed just after the demo loaded)
 * the save dropped the console's schema there and the query failed with "Schema with name
 * console does not exist!". Here the save is made to land exactly there, every time.
 */
describe('a save while the console runs', () => {
  let engine: Engine;
  let lakehouse: Lakehouse;
  let saveAfter: ((sql: string) => boolean) | undefined;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
    await ensureLayerSchemas(engine);
    await engine.exec('CREATE TABLE gold.sales AS SELECT range AS id FROM range(500)');
    // Every statement goes through here; after the one saveAfter picks, a save's drop runs.
    const saving = new Proxy(engine, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'exec') return typeof value === 'function' ? value.bind(target) : value;
        return async (sql: string) => {
          await target.exec(sql);
          if (saveAfter?.(sql)) (saveAfter = undefined), await lakehouse.dropWorkingTables();
        };
      },
    });
    lakehouse = new Lakehouse(saving);
  });
  afterAll(async () => engine?.close());

  it('the query that had started still runs, and its result is in the grid', async () => {
    saveAfter = (sql) => sql.includes(`CREATE SCHEMA IF NOT EXISTS ${CONSOLE_SCHEMA}`);
    const outcome = await lakehouse.runSql('SELECT id FROM gold.sales WHERE id % 5 = 0 ORDER BY id');
    expect(saveAfter).toBeUndefined(); // the save did land between the console's statements
    expect(outcome).toMatchObject({ kind: 'rows', rows: 100 });
  });

  it('a save keeps the console result the grid shows', async () => {
    await lakehouse.runSql('SELECT id FROM gold.sales WHERE id >= 495 ORDER BY id DESC');
    await lakehouse.dropWorkingTables();
    const w = await lakehouse.gridWindow({ source: { kind: 'console' }, offset: 0, limit: 10 });
    expect(w.total).toBe(5);
    expect(tableFromIPC(w.ipc).toArray().map((r) => Number(r.id))).toEqual([499, 498, 497, 496, 495]);
  });

  it('a query waiting behind a save is cancelled at once, never runs, and the next one runs after the save', async () => {
    let saveDone = false;
    let finishSave: () => void = () => undefined;
    const save = lakehouse.exclusive(() => new Promise<void>((resolve) => (finishSave = resolve)).then(() => void (saveDone = true)));
    const waiting = lakehouse.runSql('CREATE TABLE gold.never_made AS SELECT 1 AS x');
    expect(await lakehouse.cancelSql()).toBe(true);
    expect(await waiting).toMatchObject({ kind: 'cancelled' });
    expect(saveDone).toBe(false); // cancelled while the save still held the writer
    const next = lakehouse.runSql('SELECT count(*)::INT AS n FROM gold.sales');
    finishSave();
    await save;
    expect(await next).toMatchObject({ kind: 'rows', rows: 1 });
    const made = await engine.query(`SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'never_made'`);
    expect(made.get(0)?.n).toBe(0);
  });
});
