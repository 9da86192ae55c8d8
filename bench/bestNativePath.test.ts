import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../src/demo/generateOlist';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { quoteIdent } from '../src/engine/sql';
import type { InputFile } from '../src/ingest/inputFile';
import { loadFiles } from '../src/ingest/loadFiles';
import { bronzeTableOf, loadBronzeWithReadCsv } from './bestNativePath';

async function bronze(engine: Engine, table: string): Promise<{ columns: string[]; rows: string[] }> {
  const columns = (await engine.query(`SELECT column_name || ' ' || column_type AS c FROM (DESCRIBE bronze.${quoteIdent(table)})`)).toArray().map((r) => String(r.c));
  const rows = (await engine.query(`SELECT * FROM bronze.${quoteIdent(table)} ORDER BY _row`)).toArray();
  return { columns, rows: rows.map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))) };
}

describe('the benchmark baseline (native read_csv from disk)', () => {
  let dir: string;
  const files: InputFile[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'best-native-'));
    for (const f of generateOlist({ sf: 0.01 })) {
      await writeFile(join(dir, f.name), f.bytes);
      files.push({ path: f.name, bytes: f.bytes });
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the same bronze tables, columns and rows (in file order) as our loader, so the same models run on it', async () => {
    const baseline = await NativeEngine.open();
    const ours = await NativeEngine.open();
    try {
      const tables = bronzeTableOf(files);
      expect(new Set(tables.values()).size).toBe(9);
      await loadBronzeWithReadCsv(baseline, dir, tables, '2026-01-01 00:00:00');
      const report = await loadFiles(ours, files, { loadedAt: new Date('2026-01-01T00:00:00Z') });
      expect(report.errors).toEqual([]);
      for (const table of tables.values()) {
        const a = await bronze(baseline, table);
        const b = await bronze(ours, table);
        expect(a.columns).toEqual(b.columns);
        expect(a.rows.length).toBeGreaterThan(0);
        expect(a.rows).toEqual(b.rows);
      }
    } finally {
      await baseline.close();
      await ours.close();
    }
  });
});
