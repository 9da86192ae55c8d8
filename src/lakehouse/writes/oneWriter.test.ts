import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';
import { OneWriter } from './oneWriter';

const fixture = (path: string) => ({ path, bytes: new Uint8Array(readFileSync(new URL(`../../../fixtures/mongo/export/${path}`, import.meta.url))) });

describe('OneWriter', () => {
  it('starts each operation after the previous one ended, failed ones included', async () => {
    const writer = new OneWriter();
    const log: string[] = [];
    const step = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = writer.run(step('a', true));
    const b = writer.run(step('b'));
    await expect(a).rejects.toThrow('a');
    expect(await b).toBe('b');
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});

/**
 * The e2e race that this fixes (mongo.spec, "a damaged export quarantined by line"): a file
 * picked while the previous load's pipeline was still running. Both write quarantine.products.
 */
describe('a load started while the pipeline runs', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => engine.close());

  it('waits for the run, and both complete', async () => {
    // Which operation each statement came from: the load's name its staging tables `_mongo_…`.
    const statements: string[] = [];
    const logged = new Proxy(engine, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key !== 'exec' && key !== 'query') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string | string[], ...rest: unknown[]) => {
          statements.push(String(sql));
          return value.call(target, sql, ...rest);
        };
      },
    });
    const lakehouse = new Lakehouse(logged);
    await lakehouse.load([fixture('canonical/products.json'), fixture('array/product_categories.json')]);
    statements.length = 0;
    const [run, second] = await Promise.all([
      lakehouse.runPipeline(bundledModelFiles),
      lakehouse.load([{ ...fixture('damaged/products.json'), path: 'damaged.json' }]),
    ]);
    const byLoad = statements.flatMap((s, i) => (s.includes('_mongo_') ? [i] : []));
    const byRun = statements.flatMap((s, i) => (s.includes('silver.') || s.includes('gold.') ? [i] : []));
    expect(byLoad.length).toBeGreaterThan(0);
    expect(byRun.length).toBeGreaterThan(0);
    // One after the other: the load's statements all come after the run's last one.
    expect(Math.min(...byLoad)).toBeGreaterThan(Math.max(...byRun));
    expect(second.errors).toEqual([]);
    expect(run.models.filter((m) => m.status === 'failed')).toEqual([]);
    const quarantined = await engine.query(`SELECT count(*)::INT AS n FROM quarantine.products WHERE _source = 'damaged.json'`);
    expect(quarantined.get(0)?.n).toBe(3);
  }, 60_000);
});
