import { tableExists } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { ChartAnswers } from './chartAnswers';
import { buildChartIndexes, chartIndexesSql, type IndexBuild } from './chartIndexes';
import { CHART_IDS, type ChartId } from './chartId';
import { DASHBOARD_SCHEMA, dashboardTablesSql } from './rowLevelTables';
import { StagedBuild } from './stagedBuild';
import { stepTimes } from '../timings/stepTimes';

export { DASHBOARD_SCHEMA, dashboardTablesSql };

/** What "View data" shows of how the tables are built. */
export const DASHBOARD_TABLES_SQL = `${dashboardTablesSql(true)}\n${chartIndexesSql()}`;

/** What one build cost: milliseconds of the row-level tables, of each index with its rows, and of each chart's kept rows. */
export interface DashboardBuild {
  tablesMilliseconds: number;
  indexes: IndexBuild[];
  /** Every chart's rows for every filter combination, computed from its index and kept in memory (chartAnswers.ts). */
  answers: IndexBuild[];
  milliseconds: number;
}

/**
 * Builds the dashboard's tables once per pipeline run: on first use, or chart by chart
 * while a run builds gold in order of need (beginStaged, buildCharts, endStaged).
 */
export class DashboardTables {
  private built?: Promise<void>;
  /** A staged build under way: queries wait for their charts instead of building the tables. */
  private staged?: StagedBuild;
  /** The tables were built elsewhere (usePrebuilt): only the answers are computed here. */
  private prebuilt = false;
  /** The last build's cost (the benchmark reports it). */
  lastBuild?: DashboardBuild;
  /** Every chart's rows per filter combination, once built: what a click reads. */
  answers?: ChartAnswers;

  constructor(private readonly engine: Engine) {}

  /** Resolves once `charts` can be answered (by default every chart): built now, or by the staged build under way. */
  ensure(charts: readonly ChartId[] = CHART_IDS): Promise<void> {
    const staged = this.staged;
    if (staged) return staged.readiness.all(charts).then(() => (charts.every((c) => staged.readiness.isReady(c)) ? undefined : this.ensure(charts)));
    this.built ??= stepTimes.time('dashboard: build', () => (this.prebuilt ? this.loadAnswers().then(() => undefined) : this.build())).catch((error: unknown) => {
      this.built = undefined;
      throw error;
    });
    return this.built;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    await this.engine.exec(dashboardTablesSql(await tableExists(this.engine, 'silver', 'geolocation')));
    const tablesMilliseconds = performance.now() - started;
    const indexes = await buildChartIndexes(this.engine);
    const answers = await this.loadAnswers();
    this.lastBuild = { tablesMilliseconds, indexes, answers, milliseconds: performance.now() - started };
  }

  private async loadAnswers(): Promise<IndexBuild[]> {
    const { answers, builds } = await ChartAnswers.load(this.engine);
    this.answers = answers;
    return builds;
  }

  /**
   * `charts` split into those that can be answered now and those a staged build has not
   * made ready yet, waiting until one can be. Without a staged build, every chart can
   * (ensure builds the tables).
   */
  split(charts: readonly ChartId[]): Promise<{ ready: ChartId[]; pending: ChartId[] }> {
    return this.staged ? this.staged.readiness.split(charts) : Promise.resolve({ ready: [...charts], pending: [] });
  }

  /** A run is about to build gold in order of need: from now on queries wait for the charts buildCharts makes ready. */
  beginStaged(): void {
    this.invalidate();
    this.staged = new StagedBuild(this.engine);
  }

  /** Builds what `charts` (by default, every chart not ready yet) need from the gold built so far, and makes them ready to answer. */
  async buildCharts(charts?: readonly ChartId[]): Promise<void> {
    const staged = this.staged;
    if (!staged) return;
    const todo = charts ?? CHART_IDS.filter((c) => !staged.readiness.isReady(c));
    const answers = await stepTimes.time('dashboard: build', () => staged.build(todo));
    if (this.staged !== staged) return; // invalidated meanwhile: these rows are not current
    this.answers = this.answers ? this.answers.with(answers) : answers;
    staged.readiness.markReady(todo);
  }

  /** Resolves once no staged build is under way (at once when none is). */
  settled(): Promise<void> {
    return this.staged?.readiness.all(CHART_IDS) ?? Promise.resolve();
  }

  /**
   * The staged build is over (its run is): whole when every chart was built, else the
   * tables are built again on next use. Nobody waits on it any more.
   */
  endStaged(): void {
    const staged = this.staged;
    if (!staged) return;
    this.staged = undefined;
    if (staged.complete) (this.built = Promise.resolve()), (this.lastBuild = staged.cost());
    else (this.built = undefined), (this.answers = undefined);
    staged.readiness.end();
  }

  /**
   * The tables are there already, built elsewhere from rows this engine does not have (a
   * published extract: built by the publisher from the audience's rows only).
   */
  usePrebuilt(): void {
    this.endStaged();
    this.prebuilt = true;
    this.built = undefined;
    this.answers = undefined;
  }

  /** Gold has changed (or is gone): rebuild on next use. */
  invalidate(): void {
    const staged = this.staged;
    this.staged = undefined;
    staged?.readiness.end();
    this.prebuilt = false;
    this.built = undefined;
    this.answers = undefined;
  }
}
