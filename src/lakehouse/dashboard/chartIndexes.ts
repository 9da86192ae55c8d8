import type { Engine } from '../../engine/interface';
import { CHART_IDS } from './chartId';
import { indexBuildSql, indexTable } from './chartIndex';
import { DASHBOARD_CHARTS } from './dashboardCharts';

/** Every chart's index, in chart order. */
export const CHART_INDEXES = CHART_IDS.map((id) => DASHBOARD_CHARTS[id].index);

/** The SQL that builds every index from the row-level dashboard tables. */
export const chartIndexesSql = (): string => CHART_INDEXES.map(indexBuildSql).join('\n\n');

/**
 * Builds the indexes one statement each (after the row-level tables), timing each: the
 * cost of interactivity, paid once per pipeline run.
 */
export async function buildChartIndexes(engine: Engine): Promise<Array<{ table: string; milliseconds: number }>> {
  const built: Array<{ table: string; milliseconds: number }> = [];
  for (const index of CHART_INDEXES) {
    const started = performance.now();
    await engine.exec(indexBuildSql(index));
    built.push({ table: indexTable(index), milliseconds: performance.now() - started });
  }
  return built;
}
