import type { ModelRun, RunOptions } from '../../pipeline/runner';
import type { ChartId } from '../dashboard/chartId';
import type { DashboardTables } from '../dashboard/dashboardTables';
import { tablesRead } from '../dashboard/stagedBuild';

/**
 * The charts a `dashboard first` run draws before anything else: the first chart of the
 * dashboard at every width (the top left at 1366×768, the top at 390 px). The chart
 * beside it, the location map, reads silver.geolocation, which alone costs about half of
 * the models' time: it comes with the rest.
 */
export const FIRST_CHARTS: readonly ChartId[] = ['revenueByState'];

/**
 * A `dashboard first` run in order of need (runOrder.ts): the models the first charts read
 * (the dependency closure of the gold tables behind the dashboard's tables) are built
 * first, without their checks; then the dashboard's tables and the first charts' indexes
 * and rows, and the page is told (`onFirstCharts`) so it draws them while the run goes on
 * with the other models (silver.geolocation, …), every model's checks, the other charts,
 * and the bookkeeping, all in the writer's one turn. When a model the first charts need
 * did not build, nothing is drawn early: the charts come with the rest, or not at all.
 */
export function firstChartsFirst(tables: DashboardTables, onFirstCharts?: () => void, charts: readonly ChartId[] = FIRST_CHARTS): NonNullable<RunOptions['first']> {
  const models = tablesRead(charts);
  return {
    models,
    then: async (runs: readonly ModelRun[]) => {
      const built = new Set(runs.filter((r) => r.status === 'success').map((r) => r.name));
      if (!models.every((m) => built.has(m))) return;
      // A failed build leaves the charts to the rest, which builds what is not ready (and says why, if it fails again).
      const drawn = await tables.buildCharts(charts).then(
        () => true,
        () => false,
      );
      if (drawn) onFirstCharts?.();
    },
  };
}
