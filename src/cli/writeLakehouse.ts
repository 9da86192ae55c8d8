import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine/interface';
import { qualified } from '../engine/sql';
import type { TableInfo } from '../lakehouse/tableInfo';

/** Writes `DIR/<layer>/<table>.parquet` for every table (DESIGN.md §7). */
export async function writeLakehouse(engine: Engine, tables: TableInfo[], outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const t of tables) {
    const dir = join(outDir, t.layer);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${t.name}.parquet`);
    await writeFile(path, await engine.toParquet(`SELECT * FROM ${qualified(t.layer, t.name)}`));
    written.push(path);
  }
  return written;
}
