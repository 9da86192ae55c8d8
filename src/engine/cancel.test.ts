import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from './interface';
import { isQueryCancelled } from './queryCancelled';
import { NativeEngine } from './native/nativeEngine';
import { createNodeWasmEngine } from './wasm/nodeWasmEngine';
import { duckdbErrorMessage } from './wasm/pendingQuery';

/** Seconds of work for DuckDB: a filter over billions of generated rows. */
const LONG_QUERY = 'SELECT count(*) AS n FROM range(20000000000) t(x) WHERE x % 7 = 3';

describe('native engine: cancel()', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await NativeEngine.open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('stops a running query, which rejects as cancelled, and the next query works', async () => {
    expect(await engine.cancel()).toBe(false);
    const started = Date.now();
    const running = engine.query(LONG_QUERY);
    await new Promise((r) => setTimeout(r, 300));
    expect(await engine.cancel()).toBe(true);
    const error = await running.then(() => undefined, (e: unknown) => e);
    expect(isQueryCancelled(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await engine.query('SELECT 41 + 1 AS n')).get(0)?.toJSON()).toEqual({ n: 42 });
  });
});

describe('wasm engine: statements as pending queries', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('runs several statements, returns the last result and reports errors as runQuery did', async () => {
    await engine.exec('CREATE TABLE t AS SELECT range AS i FROM range(5000); INSERT INTO t VALUES (-1)');
    // 5001 rows span three of DuckDB's 2048-row chunks: every chunk is fetched.
    expect((await engine.query('SELECT * FROM t ORDER BY i')).numRows).toBe(5001);
    await expect(engine.exec('SELEC 1')).rejects.toThrow(/^Parser Error: syntax error at or near "SELEC"/);
    await expect(engine.query('SELECT * FROM nope')).rejects.toThrow(/^Catalog Error: Table with name nope does not exist/);
    expect(await engine.cancel()).toBe(false);
  });

  it('turns DuckDB-WASM JSON errors into its text form', () => {
    expect(duckdbErrorMessage(new Error('{"exception_type":"Binder","exception_message":"no column x"}'))).toBe('Binder Error: no column x');
    expect(duckdbErrorMessage(new Error('Parser Error: x'))).toBe('Parser Error: x');
  });
});
