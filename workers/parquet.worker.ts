/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { initParquet, ipcToParquet, parquetToIPC } from '../src/engine/parquet';
import type { ParquetCodec } from '../src/lakehouse/persistence/parquetCodec';

/** Parquet for the lakehouse worker's saves and restores (see ParquetCodec); results are transferred. */
const api: ParquetCodec = {
  async encode(ipc) {
    return transferred(await ipcToParquet(ipc));
  },
  async decode(parquet) {
    return transferred(await parquetToIPC(parquet));
  },
};

const transferred = (bytes: Uint8Array) => Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);

void initParquet(async () => new URL(parquetWasm, location.href));
Comlink.expose(api);

export type ParquetWorkerApi = typeof api;
