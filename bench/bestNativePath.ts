import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../src/engine/interface';
import { quoteIdent, quoteLiteral } from '../src/engine/sql';
import { readCsvHeader } from '../src/ingest/csv/csvHeader';
import type { InputFile } from '../src/ingest/inputFile';
import { recogniseSource, tableNameFromPath } from '../src/ingest/recogniseSource';
import { ensureLayerSchemas } from '../src/pipeline/layers';

/**
 * Each CSV's bronze table, worked out before any timing: the baseline is not charged for it.
 * A file streamed from disk (large sf) has its header read from `dir`.
 */
export function bronzeTableOf(files: InputFile[], dir?: string): Map<string, string> {
  const head = (f: InputFile) => (f.bytes.length > 0 || !dir ? f.bytes : headOnDisk(join(dir, f.path)));
  return new Map(files.map((f) => [f.path, recogniseSource(readCsvHeader(f.path, head(f)).columns) ?? tableNameFromPath(f.path)]));
}

function headOnDisk(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(1 << 16);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * The best native path into bronze, the baseline of the whole-pipeline benchmark: native
 * DuckDB's own `read_csv` of each file where it is on disk (all columns as text, DuckDB's
 * sniffer, no copy, no reject handling), into the same bronze tables with the same columns
 * as our loader writes (`_source`, `_source_kind`, `_row` in file order, `_loaded_at`), so
 * that the same models and checks then run on it. Returns the milliseconds it took.
 */
export async function loadBronzeWithReadCsv(engine: Engine, dir: string, tables: Map<string, string>, loadedAt: string): Promise<number> {
  const t0 = performance.now();
  await ensureLayerSchemas(engine);
  for (const [file, table] of tables) {
    const bronze = `bronze.${quoteIdent(table)}`;
    // _row from rowid afterwards, as our loader does: rowid follows the file's order, while
    // row_number() OVER () in the same pass would not promise it.
    await engine.exec(
      `CREATE TABLE ${bronze} AS SELECT *, ${quoteLiteral(file)} AS _source, 'csv' AS _source_kind, NULL::BIGINT AS _row,
         TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at
       FROM read_csv(${quoteLiteral(join(dir, file))}, header = true, all_varchar = true);
       UPDATE ${bronze} SET _row = rowid + 1`,
    );
  }
  return performance.now() - t0;
}
