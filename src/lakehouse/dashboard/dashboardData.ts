import type { Engine } from '../../engine/interface';
import { CHART_IDS, type ChartId } from './chartId';
import { chartQuery } from './dashboardCharts';
import { validateFilter, type DashboardFilter } from './dashboardFilter';
import type { DashboardBuild, DashboardTables } from './dashboardTables';

/** One chart's rows as Arrow IPC bytes (small: tens of rows), with the SQL that made them. */
export interface ChartData {
  chart: ChartId;
  sql: string;
  ipc: Uint8Array;
}

/** The charts asked for under one filter: what one worker round trip returns. */
export interface DashboardData {
  filter: DashboardFilter;
  charts: ChartData[];
  milliseconds: number;
  /** What building the dashboard's tables and indexes cost, once per pipeline run. */
  build?: DashboardBuild;
}

/**
 * Runs the charts' queries under the filter (all charts, or those named). One call for
 * the whole dashboard, so a cross-filter click costs one round trip from the page; the
 * queries go to DuckDB together and run one after another on the engine's connection
 * (each is a few milliseconds of work at sf=1: the round trips were what cost).
 */
export async function queryDashboard(engine: Engine, tables: DashboardTables, filter: DashboardFilter, charts: readonly ChartId[] = CHART_IDS): Promise<DashboardData> {
  const valid = validateFilter(filter);
  const started = performance.now();
  await tables.ensure();
  const sqls = charts.map((chart) => chartQuery(chart, valid));
  const results = await engine.queryAllIPC(sqls);
  return { filter: valid, charts: charts.map((chart, i) => ({ chart, sql: sqls[i]!, ipc: results[i]! })), milliseconds: performance.now() - started, build: tables.lastBuild };
}
