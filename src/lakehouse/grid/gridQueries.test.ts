import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { GridQueries } from './gridQueries';
import type { GridFilter, GridSort, WindowRequest } from './gridTypes';

const ROWS = 10_000;

/** The rows as JavaScript computes them: the expectation the windows are checked against. */
const expected = Array.from({ length: ROWS }, (_, id) => ({
  id,
  g: id % 7 === 0 ? null : id % 7,
  name: `n${id}`,
  price: (id % 500) / 4,
}));

describe.each(testEngines)('grid windows on the %s engine', (_name, open) => {
  let engine: Engine;
  let grid: GridQueries;
  beforeAll(async () => {
    engine = await open();
    await ensureLayerSchemas(engine);
    // Inserted in id order, shuffled on disk by nothing: rowid order is id order.
    await engine.exec(`CREATE TABLE gold.big AS SELECT range::INTEGER AS id, CASE WHEN range % 7 = 0 THEN NULL ELSE range % 7 END::INTEGER AS g,
      'n' || range AS name, ((range % 500) / 4)::DECIMAL(12,2) AS price FROM range(${ROWS}) ORDER BY range`);
    await engine.exec(`CREATE TABLE bronze.loaded AS SELECT 'f' || (range % 2) AS _source, (range // 2)::BIGINT AS _row, range AS v FROM range(1000) ORDER BY random()`);
    grid = new GridQueries(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  /** Every row of the table under a sort and filters, fetched in windows of 700. */
  async function pageAll(sort: GridSort[], filters: GridFilter[]): Promise<{ ids: number[]; total: number }> {
    const ids: number[] = [];
    let total = 0;
    for (let offset = 0; offset === 0 || offset < total; offset += 700) {
      const request: WindowRequest = { source: { kind: 'table', layer: 'gold', table: 'big' }, sort, filters, offset, limit: 700 };
      const w = await grid.window(request);
      total = w.total;
      ids.push(...tableFromIPC(w.ipc).toArray().map((r) => Number(r.id)));
    }
    return { ids, total };
  }

  it('pages through a sorted table: windows join up to the full order, ties in table order', async () => {
    const { ids, total } = await pageAll([{ column: 'g', desc: true }], []);
    const order = [...expected].sort((a, b) => (a.g === null ? 1 : 0) - (b.g === null ? 1 : 0) || (b.g ?? 0) - (a.g ?? 0) || a.id - b.id);
    expect(total).toBe(ROWS);
    expect(ids).toEqual(order.map((r) => r.id));
  });

  it('filters by text, range and null, and counts what matches', async () => {
    const { ids, total } = await pageAll(
      [{ column: 'price', desc: false }],
      [
        { column: 'name', op: 'contains', value: 'N12' },
        { column: 'price', op: 'range', min: '10', max: '100.5' },
        { column: 'g', op: 'notNull' },
      ],
    );
    const match = expected
      .filter((r) => r.name.includes('n12') && r.price >= 10 && r.price <= 100.5 && r.g !== null)
      .sort((a, b) => a.price - b.price || a.id - b.id);
    expect(match.length).toBeGreaterThan(20);
    expect(total).toBe(match.length);
    expect(ids).toEqual(match.map((r) => r.id));
    expect((await grid.window({ source: { kind: 'table', layer: 'gold', table: 'big' }, filters: [{ column: 'g', op: 'isNull' }], offset: 0, limit: 5 })).total).toBe(
      expected.filter((r) => r.g === null).length,
    );
  });

  it('shows loaded tables in source order by default and reports column types', async () => {
    const w = await grid.window({ source: { kind: 'table', layer: 'bronze', table: 'loaded' }, offset: 500, limit: 3 });
    expect(w.columns).toEqual([
      { name: '_source', type: 'VARCHAR' },
      { name: '_row', type: 'BIGINT' },
      { name: 'v', type: 'BIGINT' },
    ]);
    expect(tableFromIPC(w.ipc).toArray().map((r) => [r._source, Number(r._row)])).toEqual([
      ['f1', 0],
      ['f1', 1],
      ['f1', 2],
    ]);
  });

  it('leaves the database alone when a request carries SQL, and names what is missing', async () => {
    const source = { kind: 'table', layer: 'gold', table: 'big' } as const;
    const w = await grid.window({ source, filters: [{ column: 'name', op: 'contains', value: "'); DROP TABLE gold.big; --" }], offset: 0, limit: 10 });
    expect(w.total).toBe(0);
    await expect(grid.window({ source: { kind: 'table', layer: 'gold', table: 'big"; DROP TABLE gold.big; --' }, offset: 0, limit: 10 })).rejects.toThrow(/There is no table gold\.big"; DROP/);
    await expect(grid.window({ source: { kind: 'table', layer: 'main; DROP TABLE gold.big' as 'gold', table: 'big' }, offset: 0, limit: 10 })).rejects.toThrow(/no layer/);
    await expect(grid.window({ source, sort: [{ column: 'id" DESC; DROP TABLE gold.big; --', desc: false }], offset: 0, limit: 10 })).rejects.toThrow(/no column/);
    expect((await grid.window({ source, offset: 0, limit: 1 })).total).toBe(ROWS);
  });

  it('caches counts until invalidated', async () => {
    const source = { kind: 'table', layer: 'gold', table: 'big' } as const;
    expect((await grid.window({ source, offset: 0, limit: 1 })).total).toBe(ROWS);
    await engine.exec('INSERT INTO gold.big VALUES (-1, 1, \'extra\', 0)');
    expect((await grid.window({ source, offset: 0, limit: 1 })).total).toBe(ROWS);
    grid.invalidate();
    expect((await grid.window({ source, offset: 0, limit: 1 })).total).toBe(ROWS + 1);
  });

  it('pages deep windows of a sorted table from an ordered copy, made again after invalidation', async () => {
    const source = { kind: 'table', layer: 'gold', table: 'big' } as const;
    const sort = [{ column: 'id', desc: true }];
    const last = async () => tableFromIPC((await grid.window({ source, sort, offset: ROWS - 2, limit: 5 })).ipc).toArray().map((r) => Number(r.id));
    expect(await last()).toEqual([1, 0, -1]);
    expect((await engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'grid_cache'")).get(0)?.n).toBe(1);
    await engine.exec('INSERT INTO gold.big VALUES (-2, 1, \'extra\', 0)');
    grid.invalidate();
    expect(await last()).toEqual([1, 0, -1, -2]);
    expect((await engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'grid_cache'")).get(0)?.n).toBe(1);
  });
});
