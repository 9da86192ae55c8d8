import { ipcToParquet, parquetToIPC } from '../../engine/parquet';

/**
 * Parquet to and from Arrow IPC bytes, for saving and restoring. In the browser this runs
 * in a worker of its own (workers/parquet.worker.ts): a large table takes seconds of CPU,
 * which in the lakehouse worker would hold up every dashboard query meanwhile, and a
 * restore can decode the next table while DuckDB inserts the last one.
 */
export interface ParquetCodec {
  encode(ipc: Uint8Array): Promise<Uint8Array>;
  decode(parquet: Uint8Array): Promise<Uint8Array>;
}

/** The codec in this thread (Node, tests). */
export const LOCAL_PARQUET: ParquetCodec = { encode: ipcToParquet, decode: parquetToIPC };
