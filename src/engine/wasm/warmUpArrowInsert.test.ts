import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../interface';
import { createNodeWasmEngine } from './nodeWasmEngine';
import { warmUpArrowInsert, WARM_UP_TABLE } from './warmUpArrowInsert';

describe('warmUpArrowInsert', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('inserts through Arrow and leaves no table behind', async () => {
    const inserted: number[] = [];
    const spy = new Proxy(engine, {
      get: (target, key) =>
        key === 'insertArrow'
          ? async (...args: Parameters<Engine['insertArrow']>) => (inserted.push(args[1].numRows), target.insertArrow(...args))
          : (Reflect.get(target, key) as () => unknown).bind(target),
    });
    await warmUpArrowInsert(spy);
    expect(inserted).toEqual([3000]);
    const left = await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '${WARM_UP_TABLE}'`);
    expect(left.get(0)?.n).toBe(0);
  });

  it('never fails, even when the engine cannot insert', async () => {
    const broken = { insertArrow: async () => Promise.reject(new Error('no')), exec: async () => Promise.reject(new Error('no')) } as unknown as Engine;
    await expect(warmUpArrowInsert(broken)).resolves.toBeUndefined();
  });
});
