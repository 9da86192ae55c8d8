import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { initParquet } from '../parquet';
import { untilWorkerFails, workerFailure } from './untilWorkerFails';
import { WasmEngine } from './wasmEngine';
import { warmUpArrowInsert } from './warmUpArrowInsert';

/**
 * Which DuckDB-WASM build to run. `auto` (the default) is the single-threaded EH build,
 * chosen by measurement on this 2-core target (bench/results/bundle-start.md): it starts
 * in ~2 s against ~4.6 s for the multi-threaded COI build, and the COI build's start hung
 * (never resolving, no error) in 3 of ~60 back-to-back starts in Chromium, while EH never
 * did. `coi` stays available as an opt-in for heavy aggregations on more cores; its
 * known defects are avoided by design: files are always registered as buffers (never as
 * File handles), and the stored lakehouse (an `opfs://` database file) needs EH.
 */
export type BundleChoice = 'auto' | 'eh' | 'coi';

const abs = (url: string) => new URL(url, self.location.href).href;

/** Starting should take seconds; past this, say which step is stuck instead of waiting forever. */
const STEP_TIMEOUT_MS = 45_000;

/**
 * Each step leaves `duckdb-start:<what>` marks (start, and end when it settled) in the
 * worker's performance timeline, so that a start that hangs shows which step it hangs in
 * (bench/bundleStart.ts reads them from the worker).
 */
/** How long each step of this worker's last start took, in ms (the stored lakehouse's restore reports them). */
export const lastStartSteps: Record<string, number> = {};

async function step<T>(what: string, work: Promise<T>): Promise<T> {
  performance.mark(`duckdb-start:${what}:begin`);
  const began = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${STEP_TIMEOUT_MS / 1000} s while ${what}`)), STEP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    performance.mark(`duckdb-start:${what}:end`);
    lastStartSteps[what] = Math.round(performance.now() - began);
    clearTimeout(timer);
  }
}

/** Two to four: more than the cores only adds switching; one would make COI pointless. */
const coiThreads = () => Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2));

/**
 * Where the database lives: in memory (the default); an `opfs://` file opened read-write
 * (the lakehouse stored in the browser, src/lakehouse/storage/); or a copy of such a
 * file's bytes in memory (an embed beside the app, which has the file open). The copy is
 * opened read-write — the dashboard builds its own small tables — but it is the page's
 * own: nothing written to it reaches browser storage.
 */
export type DatabaseSource = { path: string } | { snapshot: Uint8Array };

const SNAPSHOT_FILE = 'stored-lakehouse-snapshot.duckdb';

/** Only the EH build can reopen an `opfs://` file after a reload (DESIGN §3), so a stored database needs EH. */
export async function createBrowserWasmEngine(choice: BundleChoice = 'auto', database?: DatabaseSource): Promise<WasmEngine> {
  const eh = { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) };
  const coi = { mainModule: abs(coiWasm), mainWorker: abs(coiWorker), pthreadWorker: abs(coiPthreadWorker) };
  // Only the EH and COI builds are shipped: every browser with WASM exception handling
  // gets one of them, so the MVP slot points at EH rather than at a 35 MB file we'd serve for nobody.
  const bundles: duckdb.DuckDBBundles = choice === 'coi' ? { mvp: eh, eh, coi } : { mvp: eh, eh };
  const bundle = await duckdb.selectBundle(bundles);
  if (choice === 'coi' && bundle.mainModule !== coi.mainModule) {
    throw new Error('The multi-threaded DuckDB build needs a cross-origin isolated page (COOP/COEP headers).');
  }
  const isCoi = bundle.mainModule === coi.mainModule;
  if (isCoi && database) throw new Error('The multi-threaded DuckDB build cannot reopen a database file in browser storage; use the default build.');
  const worker = new Worker(bundle.mainWorker!);
  // An error thrown inside DuckDB's worker (a failed fetch, no memory for the WASM
  // instance, an abort later on) would otherwise leave every call waiting forever.
  const db = untilWorkerFails(new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker), workerFailure(worker));
  try {
    await step('loading the DuckDB WebAssembly module', db.instantiate(bundle.mainModule, bundle.pthreadWorker));
    // COI: the thread count is given when the database opens. Raising it afterwards with
    // `SET threads` hung 4 of 40 starts here (the pthread pool growing under a live
    // connection); given at open, none did (bench/results/bundle-start.md).
    await step('opening the database', openDatabase(db, database, isCoi ? coiThreads() : undefined));
    await step('loading the Parquet module', initParquet(async () => new URL(abs(parquetWasm))));
  } catch (error) {
    await db.terminate();
    throw error;
  }
  const engine = await step('connecting', WasmEngine.open(db, { bundle: isCoi ? 'coi' : 'eh', extensionRepository: abs('/extensions'), onClose: () => db.terminate() }));
  // In the background: statements queue behind it. On a stored database the caller starts it
  // once the restore has checked the tables, which would otherwise wait behind it.
  if (!database) void warmUpArrowInsert(engine);
  return engine;
}

/**
 * How long one slice of a pending query may run (DuckDB-WASM's default: 100 ms). Between
 * slices the writer gives way to a click (PendingQueryRunner.giveWayTo), so this bounds
 * how much background work a click's drawing shares the cores with.
 */
const QUERY_SLICE_MS = 25;

async function openDatabase(db: duckdb.AsyncDuckDB, database: DatabaseSource | undefined, maximumThreads?: number): Promise<void> {
  const query = { queryPollingInterval: QUERY_SLICE_MS };
  if (!database) return db.open(maximumThreads ? { maximumThreads, query } : { query });
  if ('path' in database) return db.open({ path: database.path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE, query });
  await db.registerFileBuffer(SNAPSHOT_FILE, database.snapshot);
  return db.open({ path: SNAPSHOT_FILE, accessMode: duckdb.DuckDBAccessMode.READ_WRITE, query });
}
