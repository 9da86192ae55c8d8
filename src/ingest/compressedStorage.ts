import type { Engine } from '../engine/interface';
import { LAYERS } from '../pipeline/layers';
import { quoteLiteral } from '../engine/sql';

/**
 * DuckDB keeps an in-memory database uncompressed. A second in-memory database attached
 * with COMPRESS stores its tables the way a database file does (dictionary, FSST, bit
 * packing). Measured on the generated shop at sf=1 in DuckDB-WASM (Node): bronze 323 MB →
 * 63 MB, everything built 624 MB → 112 MB (about a fifth), for about 1.5–2.5× the load and
 * build time. So a small load stays fast and uncompressed, and a load whose estimate with
 * silver and gold passes COMPRESS_SHARE of memory_limit (where it would be warned about
 * uncompressed: CSVs over ~345 MB, so sf 1 stays uncompressed and sf 3 does not) goes into
 * the compressed database, where sf=10 (1.2 GB of CSV) can fit in a tab's 3 GiB.
 */
export const COMPRESSED_DATABASE = 'lakehouse_compressed';
/** Above this share of memory_limit (estimate with silver and gold; the share that warns, uncompressed), store compressed. */
export const COMPRESS_SHARE = 0.75;
/** What compression leaves of the estimate (0.2 measured at sf=1, rounded up). */
export const COMPRESSED_FACTOR = 0.25;

/**
 * Whether the lakehouse is (now) stored compressed: in a database file, or switched to the compressed database
 * when `withPipeline` bytes would pass COMPRESS_SHARE of `limit` and nothing is stored yet
 * (tables already loaded stay where they are; a later load adds to them).
 */
export async function storeCompressedIfLarge(engine: Engine, withPipeline: number, limit: number): Promise<boolean> {
  const current = (await engine.query('SELECT database_name AS d, path FROM duckdb_databases() WHERE database_name = current_database()')).get(0);
  if (String(current?.d) === COMPRESSED_DATABASE) return true;
  // A database file (the lakehouse stored in OPFS) compresses its tables already and DuckDB
  // writes them out as they fill: moving to memory would also take them out of the store.
  if (current?.path) return true;
  if (withPipeline < limit * COMPRESS_SHARE) return false;
  const layers = LAYERS.map((l) => quoteLiteral(l)).join(', ');
  const stored = await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name IN (${layers})`);
  if (Number(stored.get(0)?.n ?? 0) > 0) return false;
  await engine.exec(`ATTACH ':memory:' AS ${COMPRESSED_DATABASE} (COMPRESS); USE ${COMPRESSED_DATABASE}`);
  return true;
}
