import type { Engine } from '../../engine/interface';
import { CHART_IDS, type ChartId } from './chartId';
import { chartQuery } from './dashboardCharts';
import { validateFilter, type DashboardFilter } from './dashboardFilter';
import type { DashboardTables } from './dashboardTables';

/** One chart's rows as Arrow IPC bytes (small: tens of rows), with the SQL that made them. */
export interface ChartData {
  chart: ChartId;
  sql: string;
  ipc: Uint8Array;
  milliseconds: number;
}

/** The charts asked for under one filter: what one worker round trip returns. */
export interface DashboardData {
  filter: DashboardFilter;
  charts: ChartData[];
  milliseconds: number;
}

/**
 * Runs the charts' queries under the filter (all charts, or those named). One call for
 * the whole dashboard, so a cross-filter click costs one round trip from the page; the
 * queries run one after another on the engine's single connection. (Sending them to
 * DuckDB-WASM's worker all at once was measured too: no difference in Chromium.)
 */
export async function queryDashboard(engine: Engine, tables: DashboardTables, filter: DashboardFilter, charts: readonly ChartId[] = CHART_IDS): Promise<DashboardData> {
  const valid = validateFilter(filter);
  const started = performance.now();
  await tables.ensure();
  const results: ChartData[] = [];
  for (const chart of charts) {
    const sql = chartQuery(chart, valid);
    const t0 = performance.now();
    const ipc = await engine.queryIPC(sql);
    results.push({ chart, sql, ipc, milliseconds: performance.now() - t0 });
  }
  return { filter: valid, charts: results, milliseconds: performance.now() - started };
}
