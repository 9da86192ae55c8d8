import { useEffect, useState } from 'react';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardData } from '../../lakehouse/dashboard/dashboardData';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import type { DashboardOptions } from '../../lakehouse/dashboard/dashboardOptions';
import { filterKey } from '../views/urlState';
import { decodeDashboard, type ChartResult } from './decodeDashboard';

export interface DashboardState {
  /** The filter key of `charts`; differs from the requested one while an update runs. */
  key?: string;
  charts?: Map<ChartId, ChartResult>;
  /** Worker time of the last result (all queries), for the status line. */
  milliseconds?: number;
  loading: boolean;
  error?: string;
}

/**
 * The dashboard's rows for the current filter, re-queried in the worker (one round trip
 * for all charts) whenever it changes. A result that arrives after a newer filter was
 * chosen is dropped, so fast clicking never shows an older filter's numbers.
 */
export function useDashboardData(query: (filter: DashboardFilter) => Promise<DashboardData>, filter: DashboardFilter): DashboardState {
  const key = filterKey(filter);
  const [state, setState] = useState<DashboardState>({ loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    query(filter).then(
      (data) => current && setState({ key, charts: decodeDashboard(data), milliseconds: data.milliseconds, loading: false }),
      (e: Error) => current && setState((s) => ({ ...s, loading: false, error: e.message })),
    );
    return () => {
      current = false;
    };
    // The key is the filter's identity; a new object with the same values is no change.
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
