import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import type { RunReport } from '../../pipeline/runReport';
import type { TableInfo } from '../tableInfo';
import type { ExportedFile } from './exportTable';

/**
 * The whole lakehouse as one zip, laid out as the CLI writes a folder (DESIGN.md §7):
 * `<layer>/<table>.parquet` for every table and `run.json`. Parquet is already ZSTD
 * compressed, so it is stored, not deflated again. `extra`: further text files by path (the
 * prediction models' card, metrics and weights, laid out as `npm run predict` writes them).
 */
export async function lakehouseZip(engine: Engine, tables: readonly TableInfo[], report: RunReport, extra: Record<string, string> = {}): Promise<ExportedFile> {
  const entries: Zippable = {};
  for (const t of tables) entries[`${t.layer}/${entryName(t.name)}.parquet`] = [await engine.toParquet(`SELECT * FROM ${qualified(t.layer, t.name)}`), { level: 0 }];
  entries['run.json'] = [strToU8(JSON.stringify(report, null, 2) + '\n'), { level: 6 }];
  for (const [path, text] of Object.entries(extra)) entries[path] = [strToU8(text), { level: 6 }];
  return { fileName: 'pocket-lakehouse.zip', mimeType: 'application/zip', bytes: zipSync(entries) };
}

/** A table name as a zip entry name: no folder separators, so unzipping cannot write outside its folder. */
export function entryName(table: string): string {
  return table.replace(/[/\\]/g, '_').replace(/^\.+/, '_');
}
