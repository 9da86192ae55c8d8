import { useEffect, useRef, useState } from 'react';
import { CHART_IDS, chartFilter, type ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardData } from '../../lakehouse/dashboard/dashboardData';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import type { DashboardOptions } from '../../lakehouse/dashboard/dashboardOptions';
import { filterKey } from '../views/urlState';
import { decodeDashboard, type ChartResult } from './decodeDashboard';

export interface DashboardState {
  /** The filter key of `charts`; differs from the requested one while an update runs. */
  key?: string;
  charts?: Map<ChartId, ChartResult>;
  /** Worker time of the last update (its queries), and how many charts it queried. */
  milliseconds?: number;
  queried?: number;
  loading: boolean;
  error?: string;
}

/** A chart's result with the key of the part of the filter it was queried under. */
interface Loaded {
  key: string;
  result: ChartResult;
}

/**
 * The dashboard's rows for the current filter, re-queried in the worker (one round trip)
 * whenever it changes: only the charts whose part of the filter changed (chartFilter), so
 * a click on a state does not re-run the state charts. A result that arrives after a newer
 * filter was chosen is dropped, so fast clicking never shows an older filter's numbers.
 */
export function useDashboardData(query: (filter: DashboardFilter, charts: ChartId[]) => Promise<DashboardData>, filter: DashboardFilter): DashboardState {
  const key = filterKey(filter);
  const [state, setState] = useState<DashboardState>({ loading: true });
  const loaded = useRef(new Map<ChartId, Loaded>());
  useEffect(() => {
    // New query functions mean the lakehouse was rebuilt: nothing loaded is current.
    loaded.current = new Map();
  }, [query]);
  useEffect(() => {
    let current = true;
    const wanted = new Map(CHART_IDS.map((c) => [c, filterKey(chartFilter(c, filter))]));
    const stale = CHART_IDS.filter((c) => loaded.current.get(c)?.key !== wanted.get(c));
    setState((s) => ({ ...s, loading: true }));
    query(filter, stale).then(
      (data) => {
        if (!current) return;
        // For bench/crossFilter.ts: when the rows arrived, to split query from drawing time.
        performance.mark('dashboard-data', { detail: key });
        for (const [chart, result] of decodeDashboard(data)) loaded.current.set(chart, { key: wanted.get(chart)!, result });
        const charts = new Map(CHART_IDS.map((c) => [c, loaded.current.get(c)!.result]));
        setState({ key, charts, milliseconds: data.milliseconds, queried: stale.length, loading: false });
      },
      (e: Error) => current && setState((s) => ({ ...s, loading: false, error: e.message })),
    );
    return () => {
      current = false;
    };
    // The key is the filter's identity: a new object with the same values is no change.
  }, [key, query]);
  return state;
}

/** The values the filter selects offer, once per lakehouse. */
export function useDashboardOptions(query: () => Promise<DashboardOptions>): DashboardOptions | undefined {
  const [options, setOptions] = useState<DashboardOptions>();
  useEffect(() => {
    let current = true;
    query().then(
      (o) => current && setOptions(o),
      () => current && setOptions({ customerStates: [], categories: [], months: [] }),
    );
    return () => {
      current = false;
    };
  }, [query]);
  return options;
}
