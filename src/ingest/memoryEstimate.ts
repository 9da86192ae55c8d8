import type { Engine } from '../engine/interface';
import { parseMemorySetting } from '../engine/memoryUse';
import { formatBytes } from './formatBytes';
import { extensionOf } from './inputFile';

/**
 * DuckDB memory per byte of file once loaded into bronze, measured with
 * bench/memoryFactors.ts (the generated shop at sf 0.2 in DuckDB-WASM, duckdb_memory()
 * after the load): CSV ×3.4, dump ×3.2, NDJSON ×1.22, BSON ×1.18. Text formats grow (every
 * value a VARCHAR, plus `_source` and the other bronze columns on every row); documents
 * shrink their repeated field names. Rounded up a little.
 */
export const EXPANSION: Record<string, number> = { csv: 3.5, tsv: 3.5, txt: 3.5, sql: 3.3, xml: 2, json: 1.3, bson: 1.2 };
/** Compressed inputs: gzip took the same files to a third (CSV, dumps) or a sixth (JSON). */
export const COMPRESSION_RATIO = 3;
/** Silver is about as large as bronze (a typed copy); gold is small next to them. */
export const PIPELINE_FACTOR = 2;
/** Warn when the estimate with silver passes this share of DuckDB's memory limit. */
export const WARN_SHARE = 0.75;

/** Bytes DuckDB will hold once `files` are in bronze (before silver and gold). */
export function estimateLoadedBytes(files: { path: string; size: number }[]): number {
  let total = 0;
  for (const f of files) {
    let path = f.path.toLowerCase();
    let factor = 1;
    if (path.endsWith('.zip')) (factor = COMPRESSION_RATIO), (path = 'x.csv'); // zips here hold CSVs or dumps
    else if (path.endsWith('.gz')) (factor = COMPRESSION_RATIO), (path = path.slice(0, -3));
    total += f.size * factor * (EXPANSION[extensionOf(path)] ?? 1);
  }
  return total;
}

/** DuckDB's memory_limit in bytes (`3.1 GiB`, `64.0 MiB`), or undefined when unknown. */
export async function memoryLimit(engine: Engine): Promise<number | undefined> {
  return parseMemorySetting(String((await engine.query("SELECT current_setting('memory_limit') AS v")).get(0)?.v ?? ''));
}

/** The warning to show before a load that would bring DuckDB-WASM near its memory limit. */
export function memoryWarning(loadedBytes: number, limit: number): string | undefined {
  const withPipeline = loadedBytes * PIPELINE_FACTOR;
  if (withPipeline < limit * WARN_SHARE) return undefined;
  return (
    `these files will take about ${formatBytes(loadedBytes)} in DuckDB once loaded, about ${formatBytes(withPipeline)} with silver and gold, ` +
    `${withPipeline > limit ? 'more than' : 'close to'} the ${formatBytes(limit)} DuckDB can use in this tab. If it runs out of memory, load fewer files at a time, ` +
    'or run the pipeline with the native engine: npm run pipeline -- --engine native --out DIR FILES…'
  );
}
