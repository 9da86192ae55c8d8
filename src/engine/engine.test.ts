import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import { Bool, Int32, Table, tableFromArrays, tableFromIPC, vectorFromArray } from 'apache-arrow';
import type { Engine } from './interface';
import { parquetToArrow } from './parquet';
import { testEngines } from './testEngines';

describe.each(testEngines)('%s engine', (kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('reports DuckDB 1.4.3 and its kind', async () => {
    const info = await engine.describe();
    expect(info.kind).toBe(kind);
    expect(info.version).toContain('1.4.3');
    expect(info.threads).toBeGreaterThanOrEqual(1);
  });

  it('keeps extension autoloading off so nothing is downloaded', async () => {
    const t = await engine.query(
      "SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall",
    );
    expect(t.get(0)?.toJSON()).toEqual({ autoload: false, autoinstall: false });
  });

  it('returns query results as Arrow with DuckDB types', async () => {
    const t = await engine.query("SELECT 42::INTEGER AS i, 'zé' AS s, NULL::VARCHAR AS n, 3::BIGINT AS b");
    expect(t.numRows).toBe(1);
    const row = t.get(0)!.toJSON();
    expect(row.i).toBe(42);
    expect(row.s).toBe('zé');
    expect(row.n).toBeNull();
    expect(row.b).toBe(3n);
  });

  it('runs a batch of queries and returns their results in order, as Arrow IPC', async () => {
    const sqls = [3, 1, 2].map((n) => `SELECT range AS n FROM range(${n})`);
    const results = await engine.queryAllIPC(sqls);
    expect(results.map((ipc) => tableFromIPC(ipc).toArray().map((r) => Number(r.n)))).toEqual([[0, 1, 2], [0], [0, 1]]);
    // A statement after the batch sees the engine as before, and a failing batch says why in DuckDB's words.
    await expect(engine.queryAllIPC(['SELECT 1', 'SELECT * FROM no_such_table'])).rejects.toThrow(/Catalog Error: Table with name no_such_table does not exist/);
    expect(tableFromIPC(await engine.queryIPC('SELECT 7 AS x')).get(0)?.toJSON()).toEqual({ x: 7 });
  });

  it('creates and appends a Boolean column that is null in every row of a batch', async () => {
    await engine.exec('CREATE SCHEMA IF NOT EXISTS nulls');
    const batch = (flags: (boolean | null)[]) => new Table({ flag: vectorFromArray(flags, new Bool()), n: vectorFromArray(flags.map((_, i) => i), new Int32()) });
    await engine.insertArrow('nulls.flags', batch(new Array(64).fill(null)));
    await engine.insertArrow('nulls.flags', batch([true, null, false]));
    await engine.insertArrow('nulls.flags', batch(new Array(10).fill(null)));
    const t = await engine.query("SELECT any_value(data_type) AS type FROM duckdb_columns() WHERE schema_name = 'nulls' AND column_name = 'flag'");
    expect(t.get(0)?.type).toBe('BOOLEAN');
    const counts = await engine.query('SELECT count(*)::INTEGER AS rows, count(flag)::INTEGER AS flags, count(*) FILTER (WHERE flag)::INTEGER AS yes FROM nulls.flags');
    expect(counts.get(0)?.toJSON()).toEqual({ rows: 77, flags: 2, yes: 1 });
  });

  it('reads a registered file with read_csv', async () => {
    const path = await engine.registerFile('e.csv', new TextEncoder().encode('a,b\n01,x\n02,y\n'));
    const t = await engine.query(`SELECT a FROM read_csv('${path}', all_varchar=true) ORDER BY a`);
    expect(t.getChild('a')!.toArray()).toEqual(['01', '02']);
    await engine.dropFile('e.csv');
  });

  it('creates and appends tables from Arrow, matching columns by name', async () => {
    await engine.exec('CREATE SCHEMA IF NOT EXISTS t1');
    await engine.insertArrow('t1.people', tableFromArrays({ id: Int32Array.from([1, 2]), name: ['ana', 'bia'] }));
    await engine.insertArrow('t1.people', tableFromArrays({ name: ['caio'], id: Int32Array.from([3]) }));
    const t = await engine.query('SELECT id, name FROM t1.people ORDER BY id');
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      { id: 1, name: 'ana' },
      { id: 2, name: 'bia' },
      { id: 3, name: 'caio' },
    ]);
  });

  it('appends a batch with the table columns in its order, casting values like INSERT does', async () => {
    await engine.exec('CREATE SCHEMA IF NOT EXISTS t2');
    await engine.insertArrow('t2.items', tableFromArrays({ id: Int32Array.from([1]), name: ['ana'] }));
    // Same names in the same order, other Arrow types: appended in place, cast to the table's.
    await engine.insertArrow('t2.items', tableFromArrays({ id: BigInt64Array.from([2n, 3n]), name: ['bia', 'caio'] }));
    // A name in other case (DuckDB matches names without case): still by name.
    await engine.insertArrow('t2.items', tableFromArrays({ NAME: ['duda'], ID: Int32Array.from([4]) }));
    const t = await engine.query("SELECT string_agg(column_name || ' ' || data_type, ', ') AS c FROM duckdb_columns() WHERE schema_name = 't2'");
    expect(t.get(0)?.c).toBe('id INTEGER, name VARCHAR');
    const rows = await engine.query('SELECT id, name FROM t2.items ORDER BY rowid');
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { id: 1, name: 'ana' },
      { id: 2, name: 'bia' },
      { id: 3, name: 'caio' },
      { id: 4, name: 'duda' },
    ]);
  });

  // Regression: the WASM engine named its staging table from Date.now(), so two by-name
  // appends in the same millisecond created the same table and one of them failed.
  it('runs two by-name appends at once, in the same millisecond', async () => {
    await engine.exec('CREATE SCHEMA IF NOT EXISTS t4; CREATE TABLE t4.a (id INTEGER, name VARCHAR); CREATE TABLE t4.b (id INTEGER, name VARCHAR)');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(1_796_600_000_000);
    try {
      await Promise.all([
        engine.insertArrow('t4.a', tableFromArrays({ name: ['ana', 'bia'], id: Int32Array.from([1, 2]) })),
        engine.insertArrow('t4.b', tableFromArrays({ name: ['caio'], id: Int32Array.from([3]) })),
        engine.insertArrow('t4.a', tableFromArrays({ name: ['duda'], id: Int32Array.from([4]) })),
      ]);
    } finally {
      clock.mockRestore();
    }
    const rows = await engine.query("SELECT 'a' AS t, id, name FROM t4.a UNION ALL SELECT 'b', id, name FROM t4.b ORDER BY id");
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { t: 'a', id: 1, name: 'ana' },
      { t: 'a', id: 2, name: 'bia' },
      { t: 'b', id: 3, name: 'caio' },
      { t: 'a', id: 4, name: 'duda' },
    ]);
    // No staging table is left behind.
    expect((await engine.query("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE '\\_insert\\_%' ESCAPE '\\'")).get(0)?.n).toBe(0);
  });

  it('creates and appends without a lookup when the caller says what it knows of the table', async () => {
    await engine.exec('CREATE SCHEMA IF NOT EXISTS t3');
    await engine.insertArrow('t3.known', tableFromArrays({ id: Int32Array.from([1]), name: ['ana'] }), 'new');
    await engine.insertArrow('t3.known', tableFromArrays({ id: Int32Array.from([2, 3]), name: ['bia', 'caio'] }), 'same-columns');
    const rows = await engine.query('SELECT id, name FROM t3.known ORDER BY rowid');
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { id: 1, name: 'ana' },
      { id: 2, name: 'bia' },
      { id: 3, name: 'caio' },
    ]);
  });

  it('writes Parquet that reads back with the same rows', async () => {
    const bytes = await engine.toParquet("SELECT range AS n, 'r' || range AS s FROM range(1000)");
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PAR1');
    const back = await parquetToArrow(bytes);
    expect(back.numRows).toBe(1000);
    expect(back.get(999)?.toJSON()).toEqual({ n: 999n, s: 'r999' });
  });
});
