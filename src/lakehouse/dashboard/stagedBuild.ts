import { tableExists } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { tableReferences } from '../../pipeline/tableReferences';
import { ChartAnswers } from './chartAnswers';
import { CHART_IDS, type ChartId } from './chartId';
import { buildChartIndexes, type IndexBuild } from './chartIndexes';
import { ChartReadiness } from './chartReadiness';
import { DASHBOARD_CHARTS } from './dashboardCharts';
import type { DashboardBuild } from './dashboardTables';
import { dashboardTablesSql, LOCATIONS_SQL } from './rowLevelTables';

/** The charts drawn from the customers' locations (silver.geolocation, through lat_cell / lng_cell). */
export const needsLocations = (chart: ChartId): boolean => DASHBOARD_CHARTS[chart].index.groups.includes('lat_cell');

/**
 * The silver and gold tables the dashboard's tables read to draw `charts`: the row-level
 * tables (built without locations first), and the locations when one of them needs them.
 * Read from the SQL itself, so that a change to it changes what a staged run builds first.
 */
export function tablesRead(charts: readonly ChartId[]): string[] {
  const sql = dashboardTablesSql(false) + (charts.some(needsLocations) ? LOCATIONS_SQL : '');
  return tableReferences(sql).filter((t) => /^(silver|gold)\./.test(t));
}

/**
 * The dashboard's tables built chart by chart, while a run builds gold in order of need
 * (src/lakehouse/firstChart): the row-level tables once (without the customers'
 * locations, which wait for silver.geolocation), the locations when the first chart that
 * needs them is built, and each step's indexes and kept rows. The result is the same
 * tables, indexes and rows as one whole build (stagedBuild.test.ts).
 */
export class StagedBuild {
  readonly readiness = new ChartReadiness();
  private rowLevel = false;
  private located = false;
  private readonly built: ChartId[] = [];
  private tablesMilliseconds = 0;
  private readonly indexes: IndexBuild[] = [];
  private readonly answerBuilds: IndexBuild[] = [];
  private milliseconds = 0;

  constructor(private readonly engine: Engine) {}

  /** Builds what `charts` need and returns their kept rows (the caller marks them ready). */
  async build(charts: readonly ChartId[]): Promise<ChartAnswers> {
    const started = performance.now();
    if (!this.rowLevel) {
      await this.engine.exec(dashboardTablesSql(false));
      this.rowLevel = true;
      this.tablesMilliseconds += performance.now() - started;
    }
    if (!this.located && charts.some(needsLocations)) {
      const locating = performance.now();
      if (await tableExists(this.engine, 'silver', 'geolocation')) await this.engine.exec(LOCATIONS_SQL);
      this.located = true;
      this.tablesMilliseconds += performance.now() - locating;
    }
    this.indexes.push(...(await buildChartIndexes(this.engine, charts)));
    const { answers, builds } = await ChartAnswers.load(this.engine, charts);
    this.answerBuilds.push(...builds);
    this.built.push(...charts);
    this.milliseconds += performance.now() - started;
    return answers;
  }

  /** Every chart has been built. */
  get complete(): boolean {
    return CHART_IDS.every((c) => this.built.includes(c));
  }

  /** What the steps cost together, in chart order (the benchmark reports it as one build). */
  cost(): DashboardBuild {
    const byChart = (builds: IndexBuild[], name: (c: ChartId) => string) => CHART_IDS.flatMap((c) => builds.filter((b) => b.table === name(c)));
    return {
      tablesMilliseconds: this.tablesMilliseconds,
      indexes: byChart(this.indexes, (c) => `dashboard.index_${DASHBOARD_CHARTS[c].index.name}`),
      answers: byChart(this.answerBuilds, (c) => `rows of ${c} per filter`),
      milliseconds: this.milliseconds,
    };
  }
}
