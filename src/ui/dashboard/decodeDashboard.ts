import { tableFromIPC, type Table } from 'apache-arrow';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardData } from '../../lakehouse/dashboard/dashboardData';
import { CHARTS } from './chartCatalog';
import { KEY } from './specs/chartBase';
import type { ChartRow } from './VegaChart';

/** One chart's result in the page: the Arrow table (for "view data") and rows for Vega. */
export interface ChartResult {
  chart: ChartId;
  sql: string;
  table: Table;
  rows: ChartRow[];
}

/**
 * The worker's Arrow bytes as rows. The SQL already casts counts to INTEGER and money to
 * DOUBLE, so every value is a plain number or string. A chart that filters gets each row's
 * filter value copied into `_key`, which clicks and highlighting read.
 */
export function decodeDashboard(data: DashboardData): Map<ChartId, ChartResult> {
  const results = new Map<ChartId, ChartResult>();
  for (const { chart, sql, ipc } of data.charts) {
    const table = tableFromIPC(ipc);
    const column = CHARTS.find((c) => c.id === chart)?.filterBy?.column;
    const rows = table.toArray().map((r) => {
      const row: ChartRow = r.toJSON();
      if (column) row[KEY] = row[column] ?? null;
      return row;
    });
    results.set(chart, { chart, sql, table, rows });
  }
  return results;
}
