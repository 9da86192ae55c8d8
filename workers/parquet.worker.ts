/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { initParquet, ipcToParquet } from '../src/engine/parquet';

/**
 * Encodes Parquet for the lakehouse worker's saves, so that the seconds of CPU a large
 * table takes do not hold up the lakehouse worker (and the dashboard's queries with it).
 */
const api = {
  async encode(ipc: Uint8Array): Promise<Uint8Array> {
    const bytes = await ipcToParquet(ipc);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
};

void initParquet(async () => new URL(parquetWasm, location.href));
Comlink.expose(api);

export type ParquetWorkerApi = typeof api;
