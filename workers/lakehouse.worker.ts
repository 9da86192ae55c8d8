/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { LakehouseService } from '../src/lakehouse/lakehouseService';
import type { ExportedFile } from '../src/lakehouse/export/exportTable';
import { workerTrainer } from '../src/lakehouse/predictions/workerTrainer';

/** The prediction models' worker (TensorFlow.js), started on first training, ended by a cancel. */
const predictions = workerTrainer(() => new Worker(new URL('./predictions.worker.ts', import.meta.url), { type: 'module', name: 'predictions' }));

/**
 * The browser's engine host: DuckDB-WASM and the lakehouse run here, off the UI thread.
 * Arrow IPC results are transferred to the page, not copied.
 */
class WorkerApi extends LakehouseService {
  constructor() {
    super({ predictions });
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

const api = new WorkerApi();
Comlink.expose(api);
// bench/firstChart.ts reads the worker's split of the demo here (Playwright evaluates in the worker).
Object.assign(self, { lakehouseStepTimes: () => api.stepTimes() });

export type LakehouseWorkerApi = WorkerApi;
