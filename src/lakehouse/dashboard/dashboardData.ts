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
  /**
   * Charts asked for whose tables a run is still building (it builds gold in order of
   * need, src/lakehouse/firstChart): not in `charts`; ask again for them.
   */
  pending?: ChartId[];
}

/**
 * The charts' rows under the filter (all charts, or those named). One call for the whole
 * dashboard, so a cross-filter click costs one round trip from the page. Rows kept in
 * memory for the filter's combination (chartAnswers.ts) are looked up; the others (the
 * category chart with a selected category outside its top bars, or before the answers
 * exist) are queried, all together, on the engine's interactive connection.
 */
export async function queryDashboard(engine: Engine, tables: DashboardTables, filter: DashboardFilter, charts: readonly ChartId[] = CHART_IDS): Promise<DashboardData> {
  const valid = validateFilter(filter);
  const started = performance.now();
  await tables.ensure(charts);
  const sqls = charts.map((chart) => chartQuery(chart, valid));
  const results = charts.map((chart) => tables.answers?.answer(chart, valid));
  const missing = results.flatMap((ipc, i) => (ipc ? [] : [i]));
  if (missing.length > 0) {
    const queried = await engine.queryAllIPC(missing.map((i) => sqls[i]!));
    missing.forEach((at, i) => (results[at] = queried[i]));
  }
  return { filter: valid, charts: charts.map((chart, i) => ({ chart, sql: sqls[i]!, ipc: results[i]! })), milliseconds: performance.now() - started, build: tables.lastBuild };
}
