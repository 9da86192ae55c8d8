import { useEffect, useRef, useState } from 'react';
import { CHART_IDS, chartFilter, type ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardData } from '../../lakehouse/dashboard/dashboardData';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import type { DashboardOptions } from '../../lakehouse/dashboard/dashboardOptions';
import { filterKey } from '../views/urlState';
import { decodeDashboard, type ChartResult } from './decodeDashboard';

export interface DashboardState {
  /** The filter key every shown chart's rows are current for; the previous one while an update runs. */
  key?: string;
  charts?: Map<ChartId, ChartResult>;
  /** Per chart, the filter key its rows are current for (the chart's `dataKey`). */
  chartKeys: Map<ChartId, string>;
  /** Worker time of the last update (its queries), and how many charts it queried. */
  milliseconds?: number;
  queried?: number;
  loading: boolean;
  /** Charts whose tables the run is still building (it builds gold in order of need): asked again until they are ready. */
  pending?: ChartId[];
  error?: string;
}

/** A chart's result with the key of the part of the filter it was queried under, and its Arrow bytes. */
interface Loaded {
  key: string;
  result: ChartResult;
  ipc: Uint8Array;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The rows of the `shown` charts for the current filter, re-queried in the worker (one
 * round trip) whenever it changes: only the charts whose part of the filter changed
 * (chartFilter), so a click on a state does not re-run the state charts. A result that
 * arrives after a newer filter was chosen is dropped, so fast clicking never shows an
 * older filter's numbers. (Drawing each chart as its rows arrived, one request per chart,
 * was measured too: slower at sf=1, 106 vs 77 ms at p50, as drawing and the queries
 * competed for the cores.)
 */
export function useDashboardData(
  query: (filter: DashboardFilter, charts: ChartId[]) => Promise<DashboardData>,
  filter: DashboardFilter,
  shown: readonly ChartId[] = CHART_IDS,
): DashboardState {
  const key = filterKey(filter);
  const shownKey = shown.join(',');
  const [state, setState] = useState<DashboardState>({ loading: true, chartKeys: new Map() });
  const loaded = useRef(new Map<ChartId, Loaded>());
  useEffect(() => {
    // New query functions mean the lakehouse was rebuilt: nothing loaded is current.
    loaded.current = new Map();
  }, [query]);
  useEffect(() => {
    let current = true;
    const charts = (shownKey ? shownKey.split(',') : []) as ChartId[];
    const wanted = new Map(charts.map((c) => [c, filterKey(chartFilter(c, filter))]));
    const stale = charts.filter((c) => loaded.current.get(c)?.key !== wanted.get(c));
    // A chart whose rows hold for the new filter shows it now (a state chart's highlight);
    // the others keep the key of the rows they show until theirs arrive.
    const show = (done: boolean, milliseconds?: number, pending?: ChartId[]) =>
      setState((s) => {
        const results = new Map<ChartId, ChartResult>();
        const chartKeys = new Map<ChartId, string>();
        for (const chart of charts) {
          const entry = loaded.current.get(chart);
          if (!entry) continue;
          results.set(chart, entry.result);
          const shownKey = entry.key === wanted.get(chart) ? key : s.chartKeys.get(chart);
          if (shownKey !== undefined) chartKeys.set(chart, shownKey);
        }
        return { key: done ? key : s.key, charts: results, chartKeys, milliseconds: milliseconds ?? (done ? 0 : s.milliseconds), queried: stale.length, loading: !done, ...(pending?.length ? { pending } : {}) };
      });
    show(stale.length === 0);
    // Charts not built yet come back as pending: they are asked for again, and the worker answers once they are built.
    const ask = (asked: ChartId[]) =>
      query(filter, asked).then(
        (data) => {
          if (!current) return;
          // For bench/crossFilter.ts: when the rows arrived, to split query from drawing time.
          performance.mark('dashboard-data', { detail: key });
          if (data.build) performance.mark('dashboard-build', { detail: data.build });
          // A chart whose rows came back the same keeps its result object: its view is not
          // given new data (nor re-laid out), only the new key.
          const changed = data.charts.filter((c) => !sameBytes(loaded.current.get(c.chart)?.ipc, c.ipc));
          for (const c of data.charts) if (!changed.includes(c)) loaded.current.get(c.chart)!.key = wanted.get(c.chart)!;
          const decoded = decodeDashboard({ ...data, charts: changed });
          for (const c of changed) loaded.current.set(c.chart, { key: wanted.get(c.chart)!, result: decoded.get(c.chart)!, ipc: c.ipc });
          const pending = data.pending ?? [];
          show(pending.length === 0, data.milliseconds, pending);
          if (pending.length > 0) ask(pending);
        },
        (e: Error) => current && setState((s) => ({ ...s, loading: false, error: e.message })),
      );
    if (stale.length > 0) ask(stale);
    return () => {
      current = false;
    };
    // The keys are the filter's and the chart list's identity: new arrays with the same values are no change.
  }, [key, query, shownKey]);
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
