import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { Comlink, createLakehouseClient, type LakehouseClient } from '../client/lakehouseClient';
import { prepareEmbedData, type EmbedStep } from './embedData';
import type { EmbedDataSource } from './embedParams';

export type EmbedLakehouseState =
  | { status: 'starting' | EmbedStep }
  | { status: 'ready'; gold: TableInfo[] }
  | { status: 'none'; message: string }
  | { status: 'forbidden'; reason: string }
  | { status: 'failed'; message: string };

/**
 * The embed's worker: started once, its data made ready (prepareEmbedData), then only
 * read: the dashboard's queries and gold tables' first rows. Nothing here loads files
 * or runs SQL text.
 */
export function useEmbedLakehouse(source: EmbedDataSource, extractQuery = '') {
  const client = useRef<LakehouseClient>(undefined);
  const [state, setState] = useState<EmbedLakehouseState>({ status: 'starting' });

  useEffect(() => {
    const c = createLakehouseClient();
    client.current = c;
    let current = true;
    const step = (s: EmbedLakehouseState) => current && setState(s);
    (async () => {
      // The demo and an audience's extract live in memory; the stored lakehouse is read from
      // a copy, never locked or written.
      await c.start('auto', source === 'saved' ? 'read-only' : 'memory');
      const data = await prepareEmbedData(c, source, (s) => step({ status: s }), extractQuery);
      step(data);
    })().catch((e: Error) => step({ status: 'failed', message: e.message }));
    return () => {
      current = false;
      c[Comlink.releaseProxy]();
    };
  }, [source, extractQuery]);

  const ready = state.status === 'ready';
  // New functions once the data is ready, so the dashboard hooks query then.
  const dashboard = useCallback((filter: DashboardFilter, charts: ChartId[]) => client.current!.dashboard(filter, charts), [ready]);
  const dashboardOptions = useCallback(() => client.current!.dashboardOptions(), [ready]);
  const goldPreview = useCallback((table: string) => client.current!.previewIPC('gold', table, 100), [ready]);
  return { state, dashboard, dashboardOptions, goldPreview };
}
