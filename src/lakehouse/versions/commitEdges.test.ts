import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { commitVersion } from './commitVersion';
import { diffVersions } from './diffVersions';
import { rollbackTo } from './rollback';
import { listVersions } from './versionLog';

/*
 * The edges of a commit on small hand-made tables, on both engines: repeated identical
 * rows without a key, a key that is not unique (diffed by whole row instead), a new
 * column, a dropped table and its rollback, and the batch id taken from meta.batches.
 */
const rows = async (engine: Engine, sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());
const n = async (engine: Engine, sql: string) => Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM (${sql})`)).toArray()[0]!.n);
const keys = new Map([['silver.t', ['id']], ['silver.dup', ['id']]]);

describe.each(testEngines)('commit edges (%s)', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await engine.exec(`CREATE SCHEMA bronze; CREATE SCHEMA silver;
      CREATE TABLE bronze.r AS SELECT * FROM (VALUES ('a', 1), ('a', 1), ('b', 2)) v(s, x);
      CREATE TABLE silver.t AS SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, 'three')) v(id, name);
      CREATE TABLE silver.dup AS SELECT * FROM (VALUES (1, 'x'), (1, 'y')) v(id, name)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps repeated rows without a key and counts one removed copy as one deletion', async () => {
    const v1 = await commitVersion(engine, { kind: 'batch', keys });
    expect(v1.tables.find((t) => t.name === 'r')).toMatchObject({ added: 3, updated: 0, deleted: 0 });
    await engine.exec(`DELETE FROM bronze.r; INSERT INTO bronze.r VALUES ('a', 1), ('b', 2), ('c', 3)`);
    const v2 = await commitVersion(engine, { kind: 'batch', keys });
    expect(v2.tables.map((t) => [t.name, t.added, t.updated, t.deleted])).toEqual([['r', 1, 0, 1]]);
    expect(await n(engine, `FROM as_of('bronze.r', 1) WHERE s = 'a'`)).toBe(2);
    expect(await n(engine, `FROM as_of('bronze.r', 2) WHERE s = 'a'`)).toBe(1);
  });

  it('diffs a table whose declared key repeats by whole row', async () => {
    await engine.exec(`UPDATE silver.dup SET name = 'z' WHERE name = 'y'`);
    const v3 = await commitVersion(engine, { kind: 'rerun', keys });
    expect(v3.tables).toEqual([expect.objectContaining({ name: 'dup', added: 1, updated: 0, deleted: 1 })]);
    expect(await diffVersions(engine, 'silver.dup', 2, 3)).toMatchObject({ key: [], added: 1, removed: 1, changed: 0 });
    expect(v3.batch).toBe(2);
  });

  it('adds a new column to the history, NULL in older versions, and rolls back to the old columns', async () => {
    await engine.exec(`ALTER TABLE silver.t ADD COLUMN score INTEGER; UPDATE silver.t SET score = id * 10 WHERE id < 3`);
    const v4 = await commitVersion(engine, { kind: 'rerun', keys });
    expect(v4.tables).toEqual([expect.objectContaining({ name: 't', added: 0, updated: 3, deleted: 0 })]);
    const diff = await diffVersions(engine, 'silver.t', 3, 4);
    expect(diff.rows.map((r) => r.changedColumns)).toEqual([['score'], ['score'], []]);
    expect(await rows(engine, `SELECT id, score FROM as_of('silver.t', 1) ORDER BY id`)).toEqual([
      { id: 1, score: null },
      { id: 2, score: null },
      { id: 3, score: null },
    ]);
    await rollbackTo(engine, 1, keys);
    expect((await engine.query('SELECT * FROM silver.t LIMIT 0')).schema.fields.map((f) => f.name)).toEqual(['id', 'name']);
  });

  it('closes a dropped table, brings it back on rollback, and takes the batch from meta.batches', async () => {
    await engine.exec(`DROP TABLE silver.dup; CREATE SCHEMA meta; CREATE TABLE meta.batches AS SELECT 41 AS batch UNION ALL SELECT 42`);
    const v6 = await commitVersion(engine, { kind: 'batch', keys });
    expect(v6.batch).toBe(42);
    expect(v6.tables).toEqual([expect.objectContaining({ name: 'dup', present: false, rows: 0, deleted: 2 })]);
    expect(await n(engine, `FROM as_of('silver.dup', 6)`)).toBe(0);
    const back = await rollbackTo(engine, 5, keys);
    expect(back.tables).toEqual([expect.objectContaining({ name: 'dup', present: true, added: 2 })]);
    expect(await rows(engine, 'SELECT * FROM silver.dup ORDER BY name')).toEqual([
      { id: 1, name: 'x' },
      { id: 1, name: 'y' }, // as at version 5, the rollback to version 1
    ]);
    const history = await listVersions(engine, 'silver.dup');
    expect(history.map((v) => [v.version, v.kind, v.tables[0]!.present])).toEqual([
      [7, 'rollback', true],
      [6, 'batch', false],
      [5, 'rollback', true],
      [3, 'rerun', true],
      [1, 'batch', true],
    ]);
  });
});
