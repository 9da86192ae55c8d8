import type { Engine } from '../../engine/interface';
import { CHART_IDS, type ChartId } from './chartId';
import { INDEX_SCHEMA, indexBuildSql, indexTable } from './chartIndex';
import { DASHBOARD_CHARTS } from './dashboardCharts';

/** Every chart's index, in chart order. */
export const CHART_INDEXES = CHART_IDS.map((id) => DASHBOARD_CHARTS[id].index);

/** The SQL that builds every index from the row-level dashboard tables. */
export const chartIndexesSql = (): string => CHART_INDEXES.map(indexBuildSql).join('\n\n');

/** One index's build: how long it took and how many rows (cells) it holds. */
export interface IndexBuild {
  table: string;
  milliseconds: number;
  rows: number;
}

/**
 * Builds the indexes (of every chart, or of those named) one statement each, after the
 * row-level tables, timing each: the cost of interactivity, paid once per pipeline run.
 */
export async function buildChartIndexes(engine: Engine, charts: readonly ChartId[] = CHART_IDS): Promise<IndexBuild[]> {
  const built: IndexBuild[] = [];
  for (const index of charts.map((id) => DASHBOARD_CHARTS[id].index)) {
    const started = performance.now();
    await engine.exec(indexBuildSql(index));
    built.push({ table: indexTable(index), milliseconds: performance.now() - started, rows: 0 });
  }
  const sizes = await engine.query(`SELECT schema_name || '.' || table_name AS name, estimated_size AS rows FROM duckdb_tables() WHERE schema_name = '${INDEX_SCHEMA}'`);
  for (const row of sizes.toArray()) {
    const index = built.find((b) => b.table === row.name);
    if (index) index.rows = Number(row.rows);
  }
  return built;
}
