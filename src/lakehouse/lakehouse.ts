import { memoryUse } from '../engine/memoryUse';
import type { Engine, EngineInfo } from '../engine/interface';
import { columnTypes } from '../engine/catalog';
import { qualified } from '../engine/sql';
import type { InputFile } from '../ingest/inputFile';
import { emptyIngestReport, loadFiles, type IngestReport } from '../ingest/loadFiles';
import type { ProgressListener } from '../ingest/progress';
import { LAYERS, ensureLayerSchemas, type Layer } from '../pipeline/layers';
import { parseModel, type Model, type ModelFile } from '../pipeline/model';
import { runPipeline, type PipelineRun, type RunOptions } from '../pipeline/runner';
import { commitBatch, dropBatches } from './batches/batches';
import { buildCatalog, sourceFiles, type CatalogTable } from './catalog/catalog';
import { lineagePath, type LineageNode } from './catalog/lineagePath';
import { rerunFrom, type Rerun } from './pipelineView/rerunFrom';
import { duplicateGroups, duplicateRowsIPC, type DuplicateGroup } from './quality/duplicates';
import { quarantineGroups, quarantineRowsIPC, type QuarantineGroup } from './quality/quarantine';
import { CHART_IDS, type ChartId } from './dashboard/chartId';
import { chartQuery } from './dashboard/dashboardCharts';
import { queryDashboard, type DashboardData } from './dashboard/dashboardData';
import type { DashboardFilter } from './dashboard/dashboardFilter';
import { DASHBOARD_SCHEMA, DashboardTables } from './dashboard/dashboardTables';
import { queryDashboardOptions, type DashboardOptions } from './dashboard/dashboardOptions';
import { listTables, type TableInfo } from './tableInfo';
import { GRID_CACHE_SCHEMA, GridQueries } from './grid/gridQueries';
import type { GridWindow, WindowRequest } from './grid/gridTypes';
import { SqlConsole } from './console/sqlConsole';
import type { ConsoleOutcome } from './console/consoleOutcome';
import { consoleChartRows, type ChartRows } from './console/chartRows';
import { buildRunReport, type RunReport } from '../pipeline/runReport';
import { exportTable, type ExportedFile, type ExportFormat } from './export/exportTable';
import { lakehouseZip } from './export/lakehouseZip';
import type { LakehouseSession } from './session';
import { InteractiveFirst } from './writes/interactiveFirst';
import { OneWriter } from './writes/oneWriter';
import { LakehouseVersions } from './versions/lakehouseVersions';
import type { CommittedVersion } from './versions/commitVersion';
import { VERSIONS_SCHEMA } from './versions/versionSchema';
import { RunHistory, type LoadOrigin } from './runs/runHistory';
import { stepTimes } from './timings/stepTimes';
import { NextAnswer } from './firstChart/nextAnswer';
import { FIRST_ROWS_WAIT_MS, type RunOrder } from './firstChart/runOrder';
import { firstChartsFirst } from './firstChart/orderOfNeed';

/**
 * The lakehouse's typed operations over one engine: what the browser worker exposes to
 * the UI and what the CLI drives. The UI never builds SQL for these.
 */
export class Lakehouse {
  private readonly ingest: IngestReport = emptyIngestReport();
  private readonly dashboardTables: DashboardTables;
  /** The models of the last run, for "re-run from here" and the catalog. */
  private models: Model[] = [];
  private readonly grid: GridQueries;
  private readonly console: SqlConsole;
  /** The last run's result and times: what "re-run from here" starts from and what a save keeps. */
  private run: Omit<LakehouseSession, 'ingest'> = {};
  /** Loads, runs, re-runs, resets and saves, one at a time (see OneWriter). */
  private readonly writer = new OneWriter();
  /** The dashboard's reads, which background work (saves) gives way to between its steps. */
  readonly interactive = new InteractiveFirst();
  /** The tables' versions: each run commits one (src/lakehouse/versions). */
  readonly versions: LakehouseVersions;
  /** Every load, run and re-run, kept in the database (runs/); recording starts with history.keep(). */
  readonly history: RunHistory;
  /** The last run's version commit and run record, when they finish after its answer (runOrder.ts). */
  private bookkeeping: Promise<unknown> = Promise.resolve();
  /** The dashboard's next answer, which a `dashboard first` run's bookkeeping waits for. */
  private readonly dashboardAnswer = new NextAnswer();

  constructor(readonly engine: Engine) {
    this.versions = new LakehouseVersions(engine, () => this.models);
    this.dashboardTables = new DashboardTables(engine);
    this.grid = new GridQueries(engine);
    this.console = new SqlConsole(engine, (work) => this.writer.run(work));
    this.history = new RunHistory(engine);
    // Every statement of the writer's connection (loads, runs, bookkeeping, saves) pauses
    // between its slices while a click is being answered and drawn.
    engine.giveWayTo?.(() => this.interactive.giveWay());
  }

  engineInfo(): Promise<EngineInfo> {
    return this.engine.describe();
  }

  /** Runs `work` when no other load, run, re-run, reset or save is under way (saves and restores use it). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.writer.run(work);
  }

  load(files: InputFile[], onProgress?: ProgressListener, signal?: AbortSignal, origin?: LoadOrigin): Promise<IngestReport> {
    return this.writer.run(() => this.loadNow(files, onProgress, signal, origin));
  }

  private async loadNow(files: InputFile[], onProgress?: ProgressListener, signal?: AbortSignal, origin?: LoadOrigin): Promise<IngestReport> {
    const started = new Date();
    this.run.startedAt ??= started.toISOString();
    const report = await stepTimes.time('load: files', () => loadFiles(this.engine, files, { onProgress, signal, loadedAt: started }));
    // Every load is the next batch of this lakehouse (src/lakehouse/batches); start over with reset().
    report.batch = await stepTimes.time('load: batch', () => commitBatch(this.engine, report, started));
    this.grid.invalidate();
    this.ingest.sources.push(...report.sources);
    this.ingest.errors.push(...report.errors);
    this.ingest.skipped.push(...report.skipped);
    this.ingest.notes.push(...report.notes);
    this.ingest.milliseconds += report.milliseconds;
    await stepTimes.time('load: history', () => this.history.loaded(report, started, origin));
    return report;
  }

  /**
   * Builds silver and gold from what bronze holds now; `order` says what the answer waits
   * for (runOrder.ts). `dashboard first` builds in order of need (firstChart/orderOfNeed.ts)
   * and calls `onFirstCharts` once the page can draw its first charts.
   */
  runPipeline(files: ModelFile[], options?: RunOptions, order: RunOrder = 'bookkeeping first', onFirstCharts?: () => void): Promise<PipelineRun> {
    if (order === 'bookkeeping first') return this.writer.run(() => this.runPipelineNow(files, options));
    return new Promise<PipelineRun>((answer, fail) => {
      this.bookkeeping = this.writer.run(async () => {
        const started = new Date();
        try {
          const first = firstChartsFirst(this.dashboardTables, onFirstCharts);
          const run = await this.buildModels(files, { ...options, first }, true).catch((error: unknown) => (fail(error), undefined));
          if (!run) return;
          const finished = new Date();
          const firstRows = this.dashboardAnswer.next(FIRST_ROWS_WAIT_MS);
          answer(run);
          // Then the charts not drawn yet, then what no chart reads.
          const dashboard = run.models.some((m) => m.layer === 'gold' && m.status === 'success') ? this.dashboardTables.buildCharts().then(() => true, () => false) : Promise.resolve(false);
          const drawn = await dashboard;
          this.dashboardTables.endStaged();
          if (drawn) (await firstRows, await this.interactive.quiet());
          await this.bookkeep(run, started, finished);
        } finally {
          this.dashboardTables.endStaged();
        }
      });
    });
  }

  /** Resolves once the last run's version commit and run record are written (at once, unless a run left them for after its answer). */
  bookkept(): Promise<void> {
    return this.bookkeeping.then(
      () => undefined,
      () => undefined,
    );
  }

  private async runPipelineNow(files: ModelFile[], options?: RunOptions): Promise<PipelineRun> {
    const started = new Date();
    const run = await this.buildModels(files, options);
    await this.bookkeep(run, started);
    return run;
  }

  /** `staged`: the dashboard's tables are built as the run goes (firstChart/orderOfNeed.ts), not on first use after it. */
  private async buildModels(files: ModelFile[], options?: RunOptions, staged = false): Promise<PipelineRun> {
    if (staged) this.dashboardTables.beginStaged();
    else this.dashboardTables.invalidate();
    this.grid.invalidate();
    this.models = files.map(parseModel);
    const bronzeFiles: Record<string, string[]> = {};
    for (const s of this.ingest.sources) (bronzeFiles[s.table] ??= []).push(s.file);
    // Incremental: a batch rebuilds only what it changed (src/pipeline/incremental).
    const run = await stepTimes.time('run: models', () => runPipeline(this.engine, this.models, { bronzeFiles, incremental: true, ...options }));
    run.memory = await stepTimes.time('run: memory', () => memoryUse(this.engine));
    this.run = { ...this.run, pipeline: run, finishedAt: new Date().toISOString() };
    return run;
  }

  /** The run's version and its record in the run history (neither ever fails the run). */
  private async bookkeep(run: PipelineRun, started: Date, finished?: Date): Promise<void> {
    // A run that built nothing leaves no consistent point to commit: its load goes into the next run's version.
    if (run.models.some((m) => m.status === 'success')) await stepTimes.time('run: version commit', () => this.versions.commit('batch', true));
    await stepTimes.time('run: history', () => this.history.ran(run, started, { finishedAt: finished }));
  }

  /** The models the last run used, for a lakehouse restored from browser storage. */
  useModels(files: ModelFile[]): void {
    this.models = files.map(parseModel);
  }

  /** Rebuilds one model of the last run and its descendants; the others stay as they are. */
  rerunFrom(model: string, options?: Omit<RunOptions, 'only'>): Promise<Rerun> {
    return this.writer.run(() => this.rerunFromNow(model, options));
  }

  private async rerunFromNow(model: string, options?: Omit<RunOptions, 'only'>): Promise<Rerun> {
    const started = new Date();
    this.dashboardTables.invalidate();
    this.grid.invalidate();
    const rerun = await rerunFrom(this.engine, this.models, this.run.pipeline, model, options);
    this.run = { ...this.run, pipeline: rerun.run, finishedAt: new Date().toISOString() };
    await this.versions.commit('rerun');
    // The merged run keeps the last full run's time: the re-run's own is recorded.
    await this.history.ran({ ...rerun.run, milliseconds: rerun.milliseconds }, started, { ran: rerun.models });
    return rerun;
  }

  /** Every table back as it was at `version`, committed as a new version (versions/rollback.ts). */
  rollbackTo(version: number): Promise<CommittedVersion> {
    return this.writer.run(async () => {
      const committed = await this.versions.rollback(version);
      // After, not before: a grid window read during the rollback would have cached the old counts.
      this.dashboardTables.invalidate();
      this.grid.invalidate();
      return committed;
    });
  }

  /** Every table with its documentation, files, column types, descriptions and PII tags. */
  async catalog(): Promise<CatalogTable[]> {
    return buildCatalog(await this.tables(), this.models, this.ingest);
  }

  /** Where a column comes from, back to bronze columns and their files. */
  lineagePath(table: string, column: string): LineageNode | undefined {
    return lineagePath(table, column, (source) => sourceFiles(this.ingest, source));
  }

  quarantineGroups(): Promise<QuarantineGroup[]> {
    return quarantineGroups(this.engine);
  }

  quarantineRowsIPC(table: string, kind?: string, limit?: number): Promise<Uint8Array> {
    return quarantineRowsIPC(this.engine, table, kind, limit);
  }

  duplicateGroups(): Promise<DuplicateGroup[]> {
    return duplicateGroups(this.engine);
  }

  duplicateRowsIPC(table: string, kind?: string, limit?: number): Promise<Uint8Array> {
    return duplicateRowsIPC(this.engine, table, kind, limit);
  }

  /** The ingest report, last pipeline run and times: what a saved lakehouse keeps. */
  session(): LakehouseSession {
    return structuredClone({ ingest: this.ingest, ...this.run });
  }

  /** Takes over a saved session's reports, for tables restored from browser storage. */
  adoptSession(session: LakehouseSession): void {
    const { ingest, ...run } = structuredClone(session);
    Object.assign(this.ingest, ingest);
    this.run = run;
    this.dashboardTables.invalidate();
    this.grid.invalidate();
  }

  /** The CLI's run.json (DESIGN.md §7) for what this lakehouse holds now. */
  async runReport(): Promise<RunReport> {
    const now = new Date().toISOString();
    const { startedAt = now, finishedAt = now, pipeline } = this.run;
    return buildRunReport({ engine: await this.engineInfo(), startedAt: new Date(startedAt), finishedAt: new Date(finishedAt), ingest: this.ingest, tables: await this.tables(), pipeline });
  }

  exportTable(layer: Layer, table: string, format: ExportFormat): Promise<ExportedFile> {
    return exportTable(this.engine, layer, table, format);
  }

  /** Every table as `<layer>/<table>.parquet` plus run.json (and `extra` files by path), zipped. */
  async exportZip(extra?: Record<string, string>): Promise<ExportedFile> {
    return lakehouseZip(this.engine, await this.tables(), await this.runReport(), extra);
  }

  /** Everything loaded so far in this session. */
  ingestReport(): IngestReport {
    return structuredClone(this.ingest);
  }

  tables(): Promise<TableInfo[]> {
    return stepTimes.time('tables', () => listTables(this.engine));
  }

  /** The first `limit` rows of a table in source order, as Arrow IPC bytes. */
  async previewIPC(layer: Layer, table: string, limit = 100): Promise<Uint8Array> {
    if (!LAYERS.includes(layer)) throw new Error(`unknown layer ${layer}`);
    const names = new Set((await columnTypes(this.engine, layer, table)).keys());
    if (names.size === 0) throw new Error(`There is no table ${layer}.${table}.`);
    const order = names.has('_row') && names.has('_source') ? 'ORDER BY _source, _row' : '';
    return this.engine.queryIPC(`SELECT * FROM ${qualified(layer, table)} ${order} LIMIT ${Math.max(0, Math.floor(limit))}`);
  }

  /** One window of a table (or of the console's result) under a sort and filters, for the grid. */
  gridWindow(request: WindowRequest): Promise<GridWindow> {
    return this.grid.window(request);
  }

  /** Runs the SQL console's text; its statements may change any table, so cached counts go. */
  async runSql(sql: string): Promise<ConsoleOutcome> {
    const outcome = await this.console.run(sql);
    this.grid.invalidate();
    if (outcome.kind !== 'rows') this.dashboardTables.invalidate();
    return outcome;
  }

  /** Stops the console's running query. */
  cancelSql(): Promise<boolean> {
    return this.console.cancel();
  }

  /** The console result's columns for "chart this" (the first rows only). */
  consoleChartRows(fields: string[]): Promise<ChartRows> {
    return consoleChartRows(this.engine, fields);
  }

  /**
   * The dashboard charts' rows under the filter (all charts, or those named), from gold.
   * While a run builds gold in order of need, it waits for one of them to be ready and
   * answers those that are; the others are listed as pending.
   */
  async dashboard(filter: DashboardFilter, charts: readonly ChartId[] = CHART_IDS): Promise<DashboardData> {
    // Building the tables is the writer's work, which gives way to tracked reads: a read
    // is tracked only once the tables it waits for are there.
    const { ready, pending } = await this.dashboardTables.split(charts);
    await this.dashboardTables.ensure(ready);
    const data = await stepTimes.time('dashboard', () => this.interactive.track(() => queryDashboard(this.engine, this.dashboardTables, filter, ready))).finally(() => this.dashboardAnswer.answered());
    return pending.length ? { ...data, pending } : data;
  }

  /** The states, categories and months the dashboard can be filtered to. */
  async dashboardOptions(): Promise<DashboardOptions> {
    // They come from gold tables that a run in order of need builds after the first charts.
    await this.dashboardTables.settled();
    return queryDashboardOptions(this.engine);
  }

  /** The SQL behind a dashboard chart under a filter, for "view data". */
  chartQuery(chart: ChartId, filter: DashboardFilter): string {
    return chartQuery(chart, filter);
  }

  /**
   * Drops the tables the grid derives for itself (rebuilt when next asked for), so that a
   * checkpoint of the stored lakehouse leaves them out; what it writes afterwards only grows
   * the file. The console's result stays: it is the user's last answer (the console's grid
   * still shows it after a save), and a query may be running in the middle of its own
   * statements, which a dropped console schema would fail. The dashboard's tables and
   * indexes stay too: they are built from this gold, are small, and rebuilding them after
   * every save made the next click wait for the whole index build (seconds at sf=1).
   */
  dropWorkingTables(): Promise<void> {
    this.grid.invalidate();
    return this.engine.exec(`DROP SCHEMA IF EXISTS ${GRID_CACHE_SCHEMA} CASCADE`);
  }

  /**
   * Tables of a published extract were just loaded (policies/loadExtract.ts): its dashboard
   * tables were built from the audience's rows by the publisher and are used as they are.
   */
  usePublishedDashboard(): void {
    this.grid.invalidate();
    this.dashboardTables.usePrebuilt();
  }

  /** Drops every table of every layer: a fresh lakehouse. */
  reset(): Promise<void> {
    return this.writer.run(() => this.resetNow());
  }

  private async resetNow(): Promise<void> {
    this.dashboardTables.invalidate();
    this.grid.invalidate();
    await this.engine.exec([...LAYERS, DASHBOARD_SCHEMA, VERSIONS_SCHEMA].map((l) => `DROP SCHEMA IF EXISTS ${l} CASCADE`).join('; '));
    await dropBatches(this.engine);
    await ensureLayerSchemas(this.engine);
    Object.assign(this.ingest, emptyIngestReport());
    this.run = {};
    await this.history.clear();
  }
}
