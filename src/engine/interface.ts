import type { Table } from 'apache-arrow';

export type EngineKind = 'wasm' | 'native';

/**
 * The one door to a DuckDB database. `ingest/` and `pipeline/` talk to DuckDB only
 * through this, so the same code runs in the browser worker, in unit tests (Node +
 * DuckDB-WASM) and in the CLI (Node + native DuckDB).
 */
export interface Engine {
  readonly kind: EngineKind;
  /** A human-readable description: engine, DuckDB version, bundle, threads. */
  describe(): Promise<EngineInfo>;
  /** Runs one or more statements and discards any result. */
  exec(sql: string): Promise<void>;
  /** Runs a query and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** The same as `query`, as Arrow IPC stream bytes: what crosses a worker boundary. */
  queryIPC(sql: string): Promise<Uint8Array>;
  /**
   * Runs short read-only queries one after another and returns their results as Arrow IPC
   * stream bytes, in order. Not cancellable: for queries whose round trips to DuckDB cost
   * more than their work (the dashboard's charts), which DuckDB-WASM's worker then gets
   * all at once instead of one message exchange after another.
   */
  queryAllIPC(sqls: readonly string[]): Promise<Uint8Array[]>;
  /**
   * Makes a file readable by SQL and returns the path to use in SQL
   * (e.g. `read_csv('<path>')`). Call `dropFile` with the same name when done.
   * `bytes`: the file, or a function that reads it whole, called only by an engine that
   * cannot read it in place. `inPlace`: where the very same bytes already are — on the
   * host's disk (native DuckDB reads them there) or in a picked File (DuckDB-WASM's EH
   * build reads slices of it as it scans) — so that a large file is never copied whole.
   */
  registerFile(name: string, bytes: FileBytes, inPlace?: FileInPlace): Promise<string>;
  dropFile(name: string): Promise<void>;
  /** Creates `table` from Arrow data, or appends to it when it exists. */
  insertArrow(table: string, data: Table, known?: KnownTable): Promise<void>;
  /** The same as `insertArrow`, from Arrow IPC stream bytes (what crosses a worker boundary). */
  insertIPC(table: string, ipc: Uint8Array): Promise<void>;
  /** Runs a query and returns its result as a ZSTD-compressed Parquet file. */
  toParquet(sql: string): Promise<Uint8Array>;
  /**
   * Stops the statement the engine is running now (exec, query, …), if any: that call
   * rejects with QueryCancelledError and the engine stays usable. Resolves true when a
   * statement was stopped. Used by the SQL console; long loads can use it too.
   */
  cancel(): Promise<boolean>;
  /**
   * Where the engine can pause a statement between slices of its work (DuckDB-WASM's
   * pending queries), `gate` is awaited before each statement and between its slices, so
   * that background work gives the page's work the core. Engines that cannot pause have none.
   */
  giveWayTo?(gate: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/**
 * What the caller of insertArrow knows for sure about the table, so that the engine need
 * not look it up first (in the browser a lookup is a round trip to DuckDB's worker, which
 * waits while the caller's thread is busy): `new` — it does not exist; `same-columns` — it
 * exists with exactly the batch's columns in the batch's order (made by an earlier batch).
 */
export type KnownTable = 'new' | 'same-columns';

/** A file's bytes, or how to read them whole when an engine needs them in memory. */
export type FileBytes = Uint8Array | (() => Promise<Uint8Array>);

/** Where a file's bytes are outside the engine, for engines that can read them there. */
export interface FileInPlace {
  diskPath?: string;
  blob?: Blob;
}

export async function bytesOf(bytes: FileBytes): Promise<Uint8Array> {
  return typeof bytes === 'function' ? bytes() : bytes;
}

export interface EngineInfo {
  kind: EngineKind;
  version: string;
  /** For DuckDB-WASM: which build selectBundle picked (eh, coi, node-eh). */
  bundle?: string;
  threads: number;
}
