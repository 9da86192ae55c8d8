import * as Comlink from 'comlink';
import type { LakehouseWorkerApi } from '../../../workers/lakehouse.worker';

export type LakehouseClient = Comlink.Remote<LakehouseWorkerApi>;

/** Starts the lakehouse worker and returns the typed handle the UI talks through. */
export function createLakehouseClient(): LakehouseClient {
  const worker = new Worker(new URL('../../../workers/lakehouse.worker.ts', import.meta.url), { type: 'module', name: 'lakehouse' });
  return Comlink.wrap<LakehouseWorkerApi>(worker);
}

export { Comlink };
