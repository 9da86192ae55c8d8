import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { initParquet } from '../parquet';
import { WasmEngine } from './wasmEngine';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM in Node (the same WASM build family as the browser), used by unit tests
 * and by `--engine wasm` in the CLI so that the browser's engine is what gets tested.
 * `path`: a database file on disk (created when missing), as the browser's OPFS database
 * file: tables can leave memory for it, temporary data cannot (no temp directory).
 */
export async function createNodeWasmEngine(path?: string): Promise<WasmEngine> {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open(path ? { path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE } : {});
  await initNodeParquet();
  // The synchronous bindings have no connectInternal(); a connection's id is reached
  // through useUnsafe, and everything else is called on the bindings with that id.
  const connectInternal = () => db.connect().useUnsafe((_bindings, id) => id);
  const database = Object.assign(Object.create(db) as typeof db, { connectInternal });
  return WasmEngine.open(database, { bundle: 'node-eh', onClose: () => db.reset() });
}

export function initNodeParquet(): Promise<void> {
  return initParquet(() => readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
}
