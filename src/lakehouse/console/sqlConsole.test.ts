import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { GridQueries } from '../grid/gridQueries';
import { consoleChartRows } from './chartRows';
import { SqlConsole } from './sqlConsole';

// The browser's engine (DuckDB-WASM in Node). Cancelling mid-query needs DuckDB's worker
// (the browser): e2e/console.spec.ts proves it; native cancel is in src/engine/cancel.test.ts.
describe('SQL console', () => {
  let engine: Engine;
  let sql: SqlConsole;
  let grid: GridQueries;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
    await ensureLayerSchemas(engine);
    await engine.exec(`CREATE TABLE gold.sales AS SELECT range AS id, 'state' || (range % 5) AS state, (range * 1.5)::DECIMAL(12,2) AS revenue FROM range(3000)`);
    sql = new SqlConsole(engine);
    grid = new GridQueries(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps a query result as a table the grid pages through, in the query order', async () => {
    const outcome = await sql.run('SELECT id, state, revenue FROM gold.sales WHERE id % 2 = 0 ORDER BY id DESC -- newest first');
    expect(outcome).toMatchObject({ kind: 'rows', rows: 1500, statements: 1 });
    expect(outcome.kind === 'rows' && outcome.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'state', type: 'VARCHAR' },
      { name: 'revenue', type: 'DECIMAL(12,2)' },
    ]);
    const w = await grid.window({ source: { kind: 'console' }, offset: 1498, limit: 10 });
    expect(w.total).toBe(1500);
    expect(tableFromIPC(w.ipc).toArray().map((r) => Number(r.id))).toEqual([2, 0]);
  });

  it('runs several statements and reports rows changed by the last', async () => {
    const outcome = await sql.run("CREATE TABLE gold.notes (n INTEGER, t VARCHAR); INSERT INTO gold.notes VALUES (1, 'a;b'), (2, 'c');");
    expect(outcome).toMatchObject({ kind: 'changed', rows: 2, statements: 2 });
    expect(await sql.run('UPDATE gold.notes SET t = t || \'!\'')).toMatchObject({ kind: 'changed', rows: 2 });
    expect(await sql.run('CREATE VIEW gold.v AS SELECT 1')).toMatchObject({ kind: 'done' });
  });

  it('shows rows of DESCRIBE, SUMMARIZE and PRAGMA', async () => {
    expect(await sql.run('DESCRIBE gold.sales')).toMatchObject({ kind: 'rows', rows: 3 });
    expect(await sql.run('SUMMARIZE gold.sales')).toMatchObject({ kind: 'rows', rows: 3 });
    const pragma = await sql.run("PRAGMA table_info('gold.sales')");
    expect(pragma).toMatchObject({ kind: 'rows', rows: 3 });
    const w = await grid.window({ source: { kind: 'console' }, offset: 0, limit: 10 });
    expect(tableFromIPC(w.ipc).toArray().map((r) => r.name)).toEqual(['id', 'state', 'revenue']);
  });

  it("reports DuckDB's message, with the user's line numbers and which statement failed", async () => {
    const typo = await sql.run('SELEC * FROM gold.sales');
    expect(typo).toMatchObject({ kind: 'error', message: expect.stringMatching(/^Parser Error: syntax error at or near "SELEC"/) });
    const missing = await sql.run('SELECT 1;\nSELECT nope FROM gold.sales');
    expect(missing).toMatchObject({ kind: 'error', statement: 2 });
    expect(missing.kind === 'error' && missing.message).toMatch(/^Binder Error: Referenced column "nope" not found[\s\S]*LINE 1: SELECT nope FROM gold\.sales/);
    expect(await sql.run('  -- nothing\n')).toMatchObject({ kind: 'error', message: expect.stringMatching(/no SQL to run/) });
    // The console works after errors.
    expect(await sql.run('SELECT 42 AS answer')).toMatchObject({ kind: 'rows', rows: 1 });
  });

  it('gives a chart the chosen columns of the first rows, numbers as numbers', async () => {
    await sql.run('SELECT state, sum(revenue) AS revenue, count(*) AS orders, DATE \'2018-01-01\' + (count(*) // 100)::INTEGER AS day FROM gold.sales GROUP BY state ORDER BY state');
    const chart = await consoleChartRows(engine, ['state', 'revenue', 'day']);
    expect(chart.total).toBe(5);
    const rows = tableFromIPC(chart.ipc).toArray().map((r) => r.toJSON());
    // state0: ids 0, 5, …, 2995: 1.5 × 5 × (0 + … + 599) = 1,347,750; 600 orders → 2018-01-01 + 6 days.
    expect(rows[0]).toEqual({ state: 'state0', revenue: 1347750, day: Date.UTC(2018, 0, 7) });
    await expect(consoleChartRows(engine, ['state"; DROP TABLE gold.sales; --'])).rejects.toThrow(/no column/);
    expect((await consoleChartRows(engine, ['state'], 2)).total).toBe(5);
    expect(tableFromIPC((await consoleChartRows(engine, ['state'], 2)).ipc).numRows).toBe(2);
  });
});
