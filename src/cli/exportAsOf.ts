import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { tablesAsOf } from '../lakehouse/versions/readAsOf';
import { LAKEHOUSE_FILE } from './openEngine';


/**
 * Writes `out/<layer>/<table>.parquet` for every table as it was at `version` of the
 * lakehouse in `engine` (src/lakehouse/versions), and returns the files written.
 */
export async function writeTablesAsOf(engine: Engine, version: number, out: string): Promise<{ path: string; rows: number }[]> {
  const written: { path: string; rows: number }[] = [];
  for (const t of await tablesAsOf(engine, version)) {
    const dir = join(out, t.layer);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${t.name}.parquet`);
    await writeFile(path, await engine.toParquet(t.sql));
    written.push({ path, rows: t.rows });
  }
  return written;
}

/**
 * `npm run pipeline -- --lakehouse DIR --as-of VERSION --out OUT`: the lakehouse kept in
 * DIR, exported as of a version. Native DuckDB only: DuckDB-WASM's Node build cannot open
 * a database file.
 */
export async function exportAsOf(lakehouseDir: string, version: number, out: string): Promise<number> {
  const file = join(lakehouseDir, LAKEHOUSE_FILE);
  try {
    await access(file);
  } catch {
    console.error(`error: ${lakehouseDir}: there is no lakehouse here (no ${LAKEHOUSE_FILE})`);
    return 1;
  }
  const engine = await NativeEngine.open(file);
  try {
    const written = await writeTablesAsOf(engine, version, out);
    for (const w of written) console.log(`${w.path}: ${w.rows} rows`);
    console.log(`wrote ${written.length} Parquet files as of version ${version} to ${out}`);
    return 0;
  } catch (error) {
    console.error(`error: ${file}: ${(error as Error).message}`);
    return 1;
  } finally {
    await engine.close();
  }
}
