import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { bytesOf, type Engine, type EngineInfo, type FileBytes, type FileInPlace, type KnownTable } from '../interface';
import { columnTypes, tableExists } from '../catalog';
import { offlineSettings } from '../offlineSettings';
import { ipcToParquet } from '../parquet';
import { qualified } from '../sql';
import { duckdbErrorMessage, PendingQueryRunner, type PendingQueryDatabase } from './pendingQuery';

/**
 * The shape shared by DuckDB-WASM's synchronous bindings (Node, tests) and its
 * AsyncDuckDB (browser worker): methods may return a value or a promise, and `await`
 * takes either, so one engine class serves both hosts. We use the binding-level calls
 * that speak Arrow IPC bytes: the package's own Table objects come from its bundled
 * copy of apache-arrow (CJS in Node), which our copy cannot serialise.
 */
export interface WasmDatabase extends PendingQueryDatabase {
  runQuery(conn: number, sql: string): Uint8Array | Promise<Uint8Array>;
  connectInternal(): number | Promise<number>;
  disconnect(conn: number): unknown;
  insertArrowFromIPCStream(conn: number, ipc: Uint8Array, options: { name: string; schema?: string; create?: boolean }): unknown;
  registerFileBuffer(name: string, buffer: Uint8Array): unknown;
  /** AsyncDuckDB only (the browser): a File read by DuckDB's worker in slices (FileReaderSync). */
  registerFileHandle?(name: string, handle: Blob, protocol: number, directIO: boolean): unknown;
  dropFile(name: string): unknown;
  getVersion(): string | Promise<string>;
}

export interface WasmEngineOptions {
  bundle: string;
  /** Where DuckDB may look for extensions: the app's own origin, so nothing leaves it. */
  extensionRepository?: string;
  onClose?: () => unknown;
}

/** DuckDBDataProtocol.BROWSER_FILEREADER (not imported: the Node build must not load the browser package). */
const BROWSER_FILEREADER = 2;

/** DuckDB's memory_limit in DuckDB-WASM (see open). */
export const WASM_MEMORY_LIMIT = '3GiB';

export class WasmEngine implements Engine {
  readonly kind = 'wasm' as const;
  private readonly pending: PendingQueryRunner;
  /** The connection's statements, one after another (see PendingQueryRunner). */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * A second connection for queryAllIPC's short reads, opened on first use, with its own
   * queue: a dashboard click must not wait behind a long statement on the main connection
   * (a save reading whole tables, a rebuild). DuckDB's worker runs its messages between
   * the long statement's slices.
   */
  private interactive?: Promise<number>;
  private interactiveQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: WasmDatabase,
    private readonly conn: number,
    private readonly options: WasmEngineOptions,
  ) {
    this.pending = new PendingQueryRunner(db, conn);
  }

  static async open(db: WasmDatabase, options: WasmEngineOptions): Promise<WasmEngine> {
    const engine = new WasmEngine(db, await db.connectInternal(), options);
    await engine.exec(offlineSettings(options.extensionRepository));
    // Set on purpose, not left to the default (3.1 GiB): wasm32 memory ends at 4 GiB, and
    // what DuckDB allocates outside its buffer manager, plus the worker's own buffers,
    // need the last gigabyte. Large loads are stored compressed (ingest/compressedStorage.ts).
    await engine.exec(`SET memory_limit = '${WASM_MEMORY_LIMIT}'`);
    return engine;
  }

  async describe(): Promise<EngineInfo> {
    const threads = await this.query("SELECT current_setting('threads')::INTEGER AS t");
    return {
      kind: this.kind,
      version: await this.db.getVersion(),
      bundle: this.options.bundle,
      threads: Number(threads.get(0)?.t ?? 1),
    };
  }

  async exec(sql: string): Promise<void> {
    await this.run(sql);
  }

  async query(sql: string): Promise<Table> {
    return tableFromIPC(await this.queryIPC(sql));
  }

  async queryIPC(sql: string): Promise<Uint8Array> {
    return this.run(sql);
  }

  queryAllIPC(sqls: readonly string[]): Promise<Uint8Array[]> {
    // runQuery, not a pending query: one message each way per statement (a pending query
    // takes three), and all are posted before the first answer; DuckDB's worker runs them
    // in order. Measured on the dashboard at sf=1 in Chromium: see bench/crossFilter.ts.
    const run = async () => {
      const conn = await (this.interactive ??= Promise.resolve(this.db.connectInternal()));
      try {
        return await Promise.all(sqls.map((sql) => this.db.runQuery(conn, sql)));
      } catch (error) {
        throw new Error(duckdbErrorMessage(error));
      }
    };
    const next = this.interactiveQueue.then(run, run);
    this.interactiveQueue = next.catch(() => undefined);
    return next;
  }

  /** See PendingQueryRunner.giveWayTo: the main connection's statements pause for `gate`. */
  giveWayTo(gate: () => Promise<void> | void): void {
    this.pending.giveWayTo(gate);
  }

  cancel(): Promise<boolean> {
    // Not queued: it must reach DuckDB's worker while the statement is between two slices.
    return this.pending.cancel();
  }

  /** Every statement runs as a pending query, queued, so that cancel() can stop it. */
  private run(sql: string): Promise<Uint8Array> {
    return this.serial(() => this.pending.run(sql));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async registerFile(name: string, bytes: FileBytes, inPlace?: FileInPlace): Promise<string> {
    // A picked File is read where it is, in slices, as DuckDB scans it: a 1 GB CSV never
    // becomes a 1 GB buffer here nor a copy in WASM memory. Not in the COI build, whose
    // file handles fail with more than one thread (DESIGN.md §3): there it is read whole.
    if (inPlace?.blob && this.db.registerFileHandle && this.options.bundle !== 'coi') {
      await this.db.registerFileHandle(name, inPlace.blob, BROWSER_FILEREADER, true);
      return name;
    }
    return this.registerBuffer(name, await bytesOf(bytes));
  }

  private async registerBuffer(name: string, bytes: Uint8Array): Promise<string> {
    // AsyncDuckDB transfers the underlying ArrayBuffer to its worker: a view into a
    // larger buffer would take its neighbours with it, so hand over an exact copy.
    const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    await this.db.registerFileBuffer(name, exact);
    return name;
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  async insertArrow(table: string, data: Table, known?: KnownTable): Promise<void> {
    const [schema, name] = splitName(table);
    const existing = known ? undefined : await columnTypes(this, schema, name);
    const create = known ? known === 'new' : existing!.size === 0;
    // New, or the batch has the table's columns in its order: then insertArrowTable's
    // positional append is the same as by name, and the rows are copied once.
    const inPlace = create || known === 'same-columns' || sameNames([...existing!.keys()], data.schema.fields.map((f) => f.name));
    await this.insertBytes(schema, name, tableToIPC(data, 'stream'), create ? 'create' : inPlace ? 'append' : 'by-name');
  }

  async insertIPC(table: string, ipc: Uint8Array): Promise<void> {
    const [schema, name] = splitName(table);
    await this.insertBytes(schema, name, ipc, (await tableExists(this, schema, name)) ? 'by-name' : 'create');
  }

  private async insertBytes(schema: string, name: string, ipc: Uint8Array, how: 'create' | 'append' | 'by-name'): Promise<void> {
    if (how !== 'by-name') {
      await this.serial(async () => this.db.insertArrowFromIPCStream(this.conn, ipc, { name, schema, create: how === 'create' }));
      return;
    }
    // insertArrowTable with create=false appends positionally; go through a staging
    // table so that columns are matched by name, like every other append here.
    const staging = nextStagingName();
    await this.serial(async () => this.db.insertArrowFromIPCStream(this.conn, ipc, { name: staging, schema: 'main', create: true }));
    await this.exec(`INSERT INTO ${qualified(schema, name)} BY NAME SELECT * FROM main."${staging}"; DROP TABLE main."${staging}"`);
  }

  async toParquet(sql: string): Promise<Uint8Array> {
    // Straight from DuckDB's IPC bytes: decoding them into an apache-arrow Table only to
    // encode it again took about a fifth of a save's time.
    return ipcToParquet(await this.queryIPC(sql));
  }

  async close(): Promise<void> {
    if (this.interactive) await this.db.disconnect(await this.interactive);
    await this.db.disconnect(this.conn);
    await this.options.onClose?.();
  }
}

let stagingSerial = 0;

/**
 * A staging table name no other append uses: a serial number for appends from this
 * module, plus random letters for another copy of it on the same database (a clock
 * would give two appends in one millisecond the same name).
 */
function nextStagingName(): string {
  stagingSerial += 1;
  return `_insert_${stagingSerial.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

function sameNames(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

function splitName(table: string): [string, string] {
  const dot = table.indexOf('.');
  return dot < 0 ? ['main', table] : [table.slice(0, dot), table.slice(dot + 1)];
}
