import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../demo/generateOlist';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { quoteIdent } from '../engine/sql';
import type { InputFile } from '../ingest/inputFile';
import { loadFiles } from '../ingest/loadFiles';
import { readInputs } from './readInputs';

const LOADED_AT = new Date('2026-12-07T00:00:00Z');

/** The engine, with every statement it was given and every path registerFile handed back. */
function recording(engine: Engine): { engine: Engine; statements: string[]; registered: string[] } {
  const statements: string[] = [];
  const registered: string[] = [];
  const spy = Object.create(engine) as Engine;
  spy.exec = (sql) => (statements.push(sql), engine.exec(sql));
  spy.query = (sql) => (statements.push(sql), engine.query(sql));
  spy.registerFile = async (name, bytes, onDisk) => {
    const path = await engine.registerFile(name, bytes, onDisk);
    registered.push(path);
    return path;
  };
  return { engine: spy, statements, registered };
}

async function bronzeRows(engine: Engine, table: string): Promise<string[]> {
  const t = await engine.query(`SELECT * FROM bronze.${quoteIdent(table)} ORDER BY _row`);
  return t.toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
}

describe('the CLI reads CSV inputs where they are on disk (native engine)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-inputs-'));
    await mkdir(join(dir, 'olist'));
    for (const f of generateOlist({ sf: 0.01 })) await writeFile(join(dir, 'olist', f.name), f.bytes);
    // Latin-1: converted to UTF-8 before the load, so it cannot be read in place.
    await writeFile(join(dir, 'latin1.csv'), Buffer.from('city,zip\nS\xe3o Paulo,01037\n', 'latin1'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives each plain file its absolute path on disk', async () => {
    const { files } = await readInputs([join(dir, 'olist'), join(dir, 'latin1.csv')]);
    expect(files.length).toBe(10);
    for (const f of files) expect(f.diskPath).toBe(resolve(dir, f.path));
    // Nor does the CLI hold a CSV in memory: the engine reads it in place, or from its stream.
    for (const f of files) expect([f.bytes.length, f.stream?.size]).toEqual([0, expect.any(Number)]);
  });

  it('loads each CSV with read_csv of the original file (no temporary copy) and the same bronze rows as a copy would give', async () => {
    const { files } = await readInputs([join(dir, 'olist')]);
    const inPlace = recording(await NativeEngine.open());
    const copied = recording(await NativeEngine.open());
    try {
      const a = await loadFiles(inPlace.engine, files, { loadedAt: LOADED_AT });
      const b = await loadFiles(copied.engine, files.map(({ diskPath: _, ...f }): InputFile => f), { loadedAt: LOADED_AT });
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      // What DuckDB read: the files themselves, by their own paths, and nothing else.
      expect(inPlace.registered.sort()).toEqual(files.map((f) => f.diskPath).sort());
      for (const f of files) expect(inPlace.statements.some((s) => s.includes(`read_csv('${f.diskPath}'`))).toBe(true);
      // The copy path reads temporary files, none of them an input.
      expect(copied.registered.length).toBe(files.length);
      for (const p of copied.registered) expect(files.some((f) => f.diskPath === p)).toBe(false);
      expect(a.sources.map((s) => [s.table, s.rows])).toEqual(b.sources.map((s) => [s.table, s.rows]));
      for (const s of a.sources) {
        const rows = await bronzeRows(inPlace.engine, s.source);
        expect(rows.length).toBe(s.rows);
        expect(rows).toEqual(await bronzeRows(copied.engine, s.source));
      }
    } finally {
      await inPlace.engine.close();
      await copied.engine.close();
    }
  });

  it('still copies a file whose text had to be converted to UTF-8, and reads it right', async () => {
    const { files } = await readInputs([join(dir, 'latin1.csv')]);
    const rec = recording(await NativeEngine.open());
    try {
      const report = await loadFiles(rec.engine, files, { loadedAt: LOADED_AT });
      expect(report.errors).toEqual([]);
      expect(rec.registered).toHaveLength(1);
      expect(rec.registered[0]).not.toBe(files[0]!.diskPath);
      const t = await rec.engine.query('SELECT city, zip FROM bronze.latin1');
      expect(t.toArray().map((r) => [r.city, r.zip])).toEqual([['São Paulo', '01037']]);
    } finally {
      await rec.engine.close();
    }
  });
});
