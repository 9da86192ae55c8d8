import type { LakehouseClient } from '../client/lakehouseClient';

/** `?fault=model[,tries]` in the page's URL: passed to the worker (lakehouse/runs/injectedFault.ts); nothing without it. */
export async function applyFaultFlag(client: LakehouseClient): Promise<void> {
  const fault = new URLSearchParams(location.search).get('fault');
  if (fault) await client.injectFault(fault);
}
