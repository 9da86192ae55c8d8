/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { LakehouseService } from '../src/lakehouse/lakehouseService';
import type { ExportedFile } from '../src/lakehouse/export/exportTable';
import type { ParquetCodec } from '../src/lakehouse/persistence/parquetCodec';
import type { ParquetWorkerApi } from './parquet.worker';
import type { PredictionsWorkerApi } from './predictions.worker';
import type { PredictionInput, PredictionProgress } from '../src/predictions/predictions';

/** The Parquet worker, started on first use; `failed` rejects if it dies (Comlink would wait forever). */
let parquetWorker: { api: Comlink.Remote<ParquetWorkerApi>; failed: Promise<never> } | undefined;
function parquetCall(call: (api: Comlink.Remote<ParquetWorkerApi>) => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!parquetWorker) {
    const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module', name: 'parquet' });
    const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(`the Parquet worker failed: ${e.message || 'unknown error'}`))));
    failed.catch(() => undefined);
    parquetWorker = { api: Comlink.wrap<ParquetWorkerApi>(worker), failed };
  }
  return Promise.race([call(parquetWorker.api), parquetWorker.failed]);
}

/** Saves and restores encode and decode Parquet in that worker; the bytes are handed over, not copied. */
const parquet: ParquetCodec = {
  encode: (ipc) => parquetCall((api) => api.encode(Comlink.transfer(ipc, [ipc.buffer as ArrayBuffer]))),
  decode: (file) => parquetCall((api) => api.decode(Comlink.transfer(file, [file.buffer as ArrayBuffer]))),
};

/** The prediction models' worker (TensorFlow.js), started on first training. */
let predictionsWorker: Comlink.Remote<PredictionsWorkerApi> | undefined;
const predictionsApi = () =>
  (predictionsWorker ??= Comlink.wrap<PredictionsWorkerApi>(new Worker(new URL('./predictions.worker.ts', import.meta.url), { type: 'module', name: 'predictions' })));
const predictions = {
  train: (input: PredictionInput, onProgress?: (p: PredictionProgress) => void) => predictionsApi().train(input, onProgress && Comlink.proxy(onProgress)),
  cancel: () => void predictionsWorker?.cancel(),
};

/**
 * The browser's engine host: DuckDB-WASM and the lakehouse run here, off the UI thread.
 * Arrow IPC results are transferred to the page, not copied.
 */
class WorkerApi extends LakehouseService {
  constructor() {
    super({ parquet, predictions });
  }

  override async gridWindow(...args: Parameters<LakehouseService['gridWindow']>): ReturnType<LakehouseService['gridWindow']> {
    const window = await super.gridWindow(...args);
    return Comlink.transfer(window, [window.ipc.buffer as ArrayBuffer]);
  }

  override async consoleChartRows(...args: Parameters<LakehouseService['consoleChartRows']>): ReturnType<LakehouseService['consoleChartRows']> {
    const rows = await super.consoleChartRows(...args);
    return Comlink.transfer(rows, [rows.ipc.buffer as ArrayBuffer]);
  }

  override async previewIPC(...args: Parameters<LakehouseService['previewIPC']>): Promise<Uint8Array> {
    const bytes = await super.previewIPC(...args);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  }

  override async quarantineRowsIPC(...args: Parameters<LakehouseService['quarantineRowsIPC']>): Promise<Uint8Array> {
    const bytes = await super.quarantineRowsIPC(...args);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  }

  override async duplicateRowsIPC(...args: Parameters<LakehouseService['duplicateRowsIPC']>): Promise<Uint8Array> {
    const bytes = await super.duplicateRowsIPC(...args);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  }

  override async dashboard(...args: Parameters<LakehouseService['dashboard']>): ReturnType<LakehouseService['dashboard']> {
    const data = await super.dashboard(...args);
    return Comlink.transfer(data, [...new Set(data.charts.map((c) => c.ipc.buffer as ArrayBuffer))]);
  }

  // Exported files can be large: their bytes are transferred to the page, not copied.
  override async exportTable(...args: Parameters<LakehouseService['exportTable']>): ReturnType<LakehouseService['exportTable']> {
    return transferFile(await super.exportTable(...args));
  }

  override async exportLakehouse(): ReturnType<LakehouseService['exportLakehouse']> {
    return transferFile(await super.exportLakehouse());
  }
}

const transferFile = (file: ExportedFile) => Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);

Comlink.expose(new WorkerApi());

export type LakehouseWorkerApi = WorkerApi;
