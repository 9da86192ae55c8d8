import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { initParquet } from '../parquet';
import { WasmEngine } from './wasmEngine';

/**
 * Which DuckDB-WASM build to run. `auto` takes the multi-threaded COI build when the
 * page is cross-origin isolated (measured faster for scans and aggregations, DESIGN.md
 * §3) and the EH build otherwise. The COI build's known defects are avoided by design:
 * files are always registered as buffers (never as File handles), and persistence does
 * not use its `opfs://` database.
 */
export type BundleChoice = 'auto' | 'eh' | 'coi';

const abs = (url: string) => new URL(url, self.location.href).href;

export async function createBrowserWasmEngine(choice: BundleChoice = 'auto'): Promise<WasmEngine> {
  const eh = { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) };
  const coi = { mainModule: abs(coiWasm), mainWorker: abs(coiWorker), pthreadWorker: abs(coiPthreadWorker) };
  // Only the EH and COI builds are shipped: every browser with WASM exception handling
  // gets one of them, so the MVP slot points at EH rather than at a 35 MB file we'd serve for nobody.
  const bundles: duckdb.DuckDBBundles = choice === 'eh' ? { mvp: eh, eh } : { mvp: eh, eh, coi };
  const bundle = await duckdb.selectBundle(bundles);
  if (choice === 'coi' && bundle.mainModule !== coi.mainModule) {
    throw new Error('The multi-threaded DuckDB build needs a cross-origin isolated page (COOP/COEP headers).');
  }
  const isCoi = bundle.mainModule === coi.mainModule;
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({});
  await initParquet(async () => new URL(abs(parquetWasm)));
  return WasmEngine.open(db, {
    bundle: isCoi ? 'coi' : 'eh',
    extensionRepository: abs('/extensions'),
    threads: isCoi ? Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2)) : undefined,
    onClose: () => db.terminate(),
  });
}
