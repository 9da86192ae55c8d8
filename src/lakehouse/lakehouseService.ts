import type { Engine, EngineInfo } from '../engine/interface';
import type { PredictionProgress } from '../predictions/predictions';
import { LakehousePredictions, predictionFiles, type PredictionTrainer, type PredictionsView } from './predictions/lakehousePredictions';
import type { BundleChoice } from '../engine/wasm/browserWasmEngine';
import { createBrowserWasmEngine, lastStartSteps } from '../engine/wasm/browserWasmEngine';
import { warmUpArrowInsert } from '../engine/wasm/warmUpArrowInsert';
import { generateOlist } from '../demo/generateOlist';
import { isReadInPlace, isStreamable, type InputFile } from '../ingest/inputFile';
import { emptyIngestReport, type IngestReport } from '../ingest/loadFiles';
import { CurrentOperation } from './cancel/currentOperation';
import type { LoadProgress, ProgressListener } from '../ingest/progress';
import type { Layer } from '../pipeline/layers';
import { bundledModelFiles } from '../pipeline/models/bundledModels';
import { lineageOf, type TracedColumn } from '../pipeline/lineage/lineageFile';
import { topologicalOrder } from '../pipeline/dag';
import { parseModel, type Model } from '../pipeline/model';
import type { ModelRun, PipelineRun } from '../pipeline/runner';
import type { CatalogTable } from './catalog/catalog';
import type { LineageNode } from './catalog/lineagePath';
import type { Rerun } from './pipelineView/rerunFrom';
import type { QuarantineGroup } from './quality/quarantine';
import type { DuplicateGroup } from './quality/duplicates';
import type { ChartId } from './dashboard/chartId';
import type { DashboardData } from './dashboard/dashboardData';
import type { DashboardFilter } from './dashboard/dashboardFilter';
import type { DashboardOptions } from './dashboard/dashboardOptions';
import { Lakehouse } from './lakehouse';
import type { TableInfo } from './tableInfo';
import type { GridWindow, WindowRequest } from './grid/gridTypes';
import type { ConsoleOutcome } from './console/consoleOutcome';
import type { ChartRows } from './console/chartRows';
import type { ExportedFile, ExportFormat } from './export/exportTable';
import { reportNumbers, type ReportNumber } from './export/reportNumbers';
import { OpfsDirectory } from './storage/opfsDirectory';
import { StoredLakehouse, type RestoreResult, type SaveResult, type StorageUse } from './storage/storedLakehouse';
import { DATABASE_PATH } from './storage/storedManifest';
import { takeWriterLock } from './storage/writerLock';
import type { ExtractManifest } from './policies/extractManifest';
import { loadExtract } from './policies/loadExtract';
import { previewAudience, type AudiencePreview } from './policies/audiencePreview';
import { publishInBrowser, type PublishProgress } from './policies/publishInBrowser';
import type { LakehouseSession } from './session';
import type { TableHistory, VersionsVacuumed } from './versions/versionOperations';
import type { VersionDiff } from './versions/diffVersions';
import type { CommittedVersion } from './versions/commitVersion';
import { RunsOperations } from './runs/runsOperations';
import { faultHooks, faultyModelFiles, parseFault, type InjectedFault } from './runs/injectedFault';
import { stepTimes, type StepTime } from './timings/stepTimes';
import type { RunOrder } from './firstChart/runOrder';

/** A file picked or dropped in the page, with the path it had in a dropped folder. */
export interface PickedFile {
  path: string;
  file: Blob;
}

/**
 * What the browser worker offers the UI: the lakehouse's typed operations plus the
 * browser-only ones (start the engine, read picked files, load the demo). Comlink
 * calls these from the page; results are plain data or Arrow IPC bytes.
 */
export class LakehouseService {
  private lakehouse?: Lakehouse;
  private readonly operations = new CurrentOperation(async () => this.lakehouse?.engine.cancel());
  private saved?: StoredLakehouse;
  private restored: RestoreResult = { status: 'empty' };

  /** The second DuckDB "view as audience" builds extracts in, started on first use. */
  private previewEngine?: Promise<Engine>;

  /** The run history of the current lakehouse (the Runs view): `api.runs.list()`, … */
  readonly runs = new RunsOperations(() => this.ready(), { changing: () => this.store().changing(), save: () => this.store().save(this.ready()) });
  /** `?fault=` (runs/injectedFault.ts): a model made to fail its first tries, for retries in tests and demos. */
  private fault?: { fault: InjectedFault; hooks: ReturnType<typeof faultHooks> };

  private readonly predictionModels?: LakehousePredictions;

  /** `predictions`: where the prediction models train (the worker passes another worker's) and how to stop it. */
  constructor(options: { predictions?: { train: PredictionTrainer; cancel: () => void } } = {}) {
    if (options.predictions) {
      this.predictionModels = new LakehousePredictions(options.predictions.train, options.predictions.cancel);
    }
  }

  /** Trains the delivery-ETA and repeat-purchase models on the current gold and writes their gold tables. */
  retrainPredictions(onProgress?: (p: PredictionProgress) => void): Promise<PredictionsView> {
    if (!this.predictionModels) throw new Error('Predictions are not available here.');
    return this.predictionModels.retrain(this.ready(), onProgress);
  }

  cancelPredictions(): void {
    this.predictionModels?.cancel();
  }

  /** The last trained models' metrics, curves and model card, if any. */
  predictions(): PredictionsView | undefined {
    return this.predictionModels?.view();
  }

  /**
   * Starts DuckDB on the lakehouse stored in this browser (see StoredLakehouse; `use` says
   * how this page uses it). The multi-threaded build cannot reopen a stored file, so with
   * it the lakehouse lives in memory only.
   */
  async start(bundle: BundleChoice = 'auto', use: StorageUse = 'stored'): Promise<EngineInfo> {
    if (!this.lakehouse) {
      const storable = OpfsDirectory.available() && bundle !== 'coi';
      this.saved = new StoredLakehouse({
        folder: storable ? new OpfsDirectory() : undefined,
        takeLock: () => takeWriterLock(),
        openEngine: (source) => createBrowserWasmEngine(bundle, source === 'memory' ? undefined : source === 'file' ? { path: DATABASE_PATH } : source),
      });
      const opened = await this.saved.open(use);
      this.lakehouse = opened.lakehouse;
      this.restored = opened.result;
      // An embed reads a copy of the stored file and writes nothing, history included.
      if (use !== 'read-only') this.lakehouse.history.keep();
      if (this.saved.stored) void warmUpArrowInsert(this.lakehouse.engine);
      // The stored run was made with the shipped models: re-run and the catalog need them.
      if (this.restored.status === 'restored') {
        this.lakehouse.useModels(bundledModelFiles);
        // The engine's share, step by step: starting DuckDB is paid with or without a stored lakehouse; opening the file is the restore's.
        for (const [what, ms] of Object.entries(lastStartSteps)) this.restored.phases = { ...this.restored.phases, [`engine: ${what}`]: ms };
      }
    }
    return this.lakehouse.engineInfo();
  }

  /** Loads files picked, dropped or found by the watched folder (`trigger` says which, for the run history). */
  async loadPicked(picked: PickedFile[], onProgress?: ProgressListener, trigger: 'user' | 'watch' = 'user'): Promise<IngestReport> {
    const signal = this.operations.begin('load');
    try {
      return await this.loadPickedFiles(picked, signal, trigger, onProgress);
    } finally {
      this.operations.end(signal);
    }
  }

  private async loadPickedFiles(picked: PickedFile[], signal: AbortSignal, trigger: 'user' | 'watch', onProgress?: ProgressListener): Promise<IngestReport> {
    const files: InputFile[] = [];
    const total = picked.reduce((n, p) => n + p.file.size, 0);
    let done = 0;
    for (const p of picked) {
      if (signal.aborted) return { ...emptyIngestReport(), cancelled: true };
      onProgress?.(progress('reading', p.path, files.length, picked.length, done, total));
      // A dump is parsed statement by statement, so it is read in slices, never whole; a CSV
      // is read by DuckDB straight from the File (the COI build reads it whole, wasmEngine.ts).
      if (isStreamable(p.path)) files.push({ path: p.path, bytes: new Uint8Array(0), stream: blobStream(p.file) });
      else if (isReadInPlace(p.path)) files.push({ path: p.path, bytes: new Uint8Array(0), stream: blobStream(p.file), blob: p.file });
      else files.push({ path: p.path, bytes: new Uint8Array(await p.file.arrayBuffer()) });
      done += p.file.size;
    }
    await this.store().changing();
    return this.ready().load(files, onProgress, signal, { trigger });
  }

  /** Generates the Olist-shaped demo dataset at scale `sf` and loads it. */
  async loadDemo(sf: number, onProgress?: ProgressListener): Promise<IngestReport> {
    const signal = this.operations.begin('load');
    try {
      onProgress?.(progress('generating', undefined, 0, 9, 0, 0));
      stepTimes.clear();
      const files = await stepTimes.time('demo: generate', async () => generateOlist({ sf }).map((f) => ({ path: `demo/${f.name}`, bytes: f.bytes })));
      await stepTimes.time('store: changing', () => this.store().changing());
      return await this.ready().load(files, onProgress, signal, { trigger: 'demo' });
    } finally {
      this.operations.end(signal);
    }
  }

  /** Builds silver and gold from bronze with the shipped models; `order`: what the answer waits for, and when `onFirstCharts` comes (firstChart/). */
  async runPipeline(onPlan?: (models: string[]) => void, onModel?: (run: ModelRun, index: number, total: number) => void, order?: RunOrder, onChecking?: () => void, onFirstCharts?: () => void): Promise<PipelineRun> {
    const signal = this.operations.begin('run');
    try {
      await stepTimes.time('store: changing', () => this.store().changing());
      return await this.ready().runPipeline(faultyModelFiles(bundledModelFiles, this.fault?.fault), { onPlan, onModel, onChecking, signal, testHooks: this.fault?.hooks }, order, onFirstCharts);
    } finally {
      this.operations.end(signal);
    }
  }

  /**
   * Cancels the load or pipeline run in progress (see CurrentOperation): a cancelled load
   * keeps the files loaded whole before it and drops the one in progress; a run stops
   * before its next model. True when there was an operation to cancel.
   */
  cancel(): boolean {
    return this.operations.cancel();
  }

  /** Rebuilds one model and its descendants (the pipeline view's "re-run from here"). */
  async rerunFrom(model: string, onPlan?: (models: string[]) => void, onModel?: (run: ModelRun, index: number, total: number) => void): Promise<Rerun> {
    await this.store().changing();
    return this.ready().rerunFrom(model, { onPlan, onModel, testHooks: this.fault?.hooks });
  }

  /** `?fault=model[,tries]`: from now on that model declares `retries: 1` and its first tries fail (runs/injectedFault.ts). */
  injectFault(value: string): void {
    const fault = parseFault(value);
    this.fault = { fault, hooks: faultHooks(fault) };
    // A restored lakehouse re-runs with the shipped models: give it the faulty one's retries.
    if (this.restored.status === 'restored') this.ready().useModels(faultyModelFiles(bundledModelFiles, fault));
  }

  /** The shipped models, parsed (SQL, documentation, expectations, dependencies), in the order they run. */
  pipelineModels(): Model[] {
    return topologicalOrder(bundledModelFiles.map(parseModel));
  }

  catalog(): Promise<CatalogTable[]> {
    return this.ready().catalog();
  }

  lineagePath(table: string, column: string): LineageNode | undefined {
    return this.ready().lineagePath(table, column);
  }

  quarantineGroups(): Promise<QuarantineGroup[]> {
    return this.ready().quarantineGroups();
  }

  quarantineRowsIPC(table: string, kind?: string, limit?: number): Promise<Uint8Array> {
    return this.ready().quarantineRowsIPC(table, kind, limit);
  }

  duplicateGroups(): Promise<DuplicateGroup[]> {
    return this.ready().duplicateGroups();
  }

  duplicateRowsIPC(table: string, kind?: string, limit?: number): Promise<Uint8Array> {
    return this.ready().duplicateRowsIPC(table, kind, limit);
  }

  /** Where a model's column comes from: direct sources and bronze columns (from the SQL). */
  columnLineage(model: string, column: string): TracedColumn | undefined {
    return lineageOf(model, column);
  }

  tables(): Promise<TableInfo[]> {
    return this.ready().tables();
  }

  previewIPC(layer: Layer, table: string, limit?: number): Promise<Uint8Array> {
    return this.ready().previewIPC(layer, table, limit);
  }

  ingestReport(): IngestReport {
    return this.ready().ingestReport();
  }

  gridWindow(request: WindowRequest): Promise<GridWindow> {
    return this.ready().gridWindow(request);
  }

  /** A console statement may change tables: then the store is checkpointed and marked again (after a cancel, in the background: it waits behind the writer). */
  async runSql(sql: string): Promise<ConsoleOutcome> {
    const outcome = await this.ready().runSql(sql);
    if (outcome.kind === 'cancelled') void this.store().save(this.ready()).catch(() => undefined);
    else if (outcome.kind !== 'rows') await this.store().save(this.ready());
    return outcome;
  }

  cancelSql(): Promise<boolean> {
    return this.ready().cancelSql();
  }

  consoleChartRows(fields: string[]): Promise<ChartRows> {
    return this.ready().consoleChartRows(fields);
  }

  dashboard(filter: DashboardFilter, charts?: ChartId[]): Promise<DashboardData> {
    return this.ready().dashboard(filter, charts);
  }

  dashboardOptions(): Promise<DashboardOptions> {
    return this.ready().dashboardOptions();
  }

  chartQuery(chart: ChartId, filter: DashboardFilter): string {
    return this.ready().chartQuery(chart, filter);
  }

  reset(): Promise<void> {
    return this.ready().reset();
  }

  /** "View as audience" (Governance): the audience's extract built in a second DuckDB, this lakehouse untouched. */
  async previewAudience(policiesText: string, audience: string, parameters: Record<string, string>): Promise<AudiencePreview> {
    this.previewEngine ??= createBrowserWasmEngine('auto');
    return previewAudience(this.ready().engine, await this.previewEngine, policiesText, audience, parameters, bundledModelFiles);
  }

  /** Export & storage's "Publish": every audience's extract and report, as `npm run publish` writes them, in one zip. */
  async publishPolicies(policiesText: string, onProgress?: (p: PublishProgress) => void): Promise<Uint8Array> {
    this.previewEngine ??= createBrowserWasmEngine('auto');
    return publishInBrowser(this.ready().engine, await this.previewEngine, policiesText, bundledModelFiles, onProgress);
  }

  /** The embed: an audience's published extract (a signed /extract answer), checked and loaded read-only. */
  async loadExtract(zip: Uint8Array): Promise<ExtractManifest> {
    return loadExtract(this.ready(), zip);
  }

  /** What start-up found in browser storage: the stored lakehouse re-attached, nothing, damaged, or open in another tab. */
  restoreSaved(): RestoreResult {
    return this.restored;
  }

  /** After a run: checkpoints the stored lakehouse and marks it whole; undefined when nothing is stored (memory, another tab). */
  saveToBrowser(): Promise<SaveResult | undefined> {
    return stepTimes.time('save', () => this.store().save(this.ready()));
  }

  /** The worker's split of the last demo (lakehouse/timings), for bench/firstChart.ts. */
  stepTimes(): StepTime[] {
    return stepTimes.list();
  }

  /** Clears the lakehouse in the tab and the stored database file (which starts anew, empty). */
  async resetAll(): Promise<void> {
    // Not in the middle of a run's version commit (written after its answer: firstChart/runOrder.ts).
    await this.ready().bookkept();
    this.lakehouse = await this.store().reset(this.ready());
    this.lakehouse.history.keep();
    this.restored = { status: 'empty' };
  }

  session(): LakehouseSession {
    return this.ready().session();
  }

  /** The lakehouse's versions (or those that changed `table`, `layer.name`), newest first. */
  async versionHistory(table?: string): Promise<TableHistory> {
    await this.ready().bookkept();
    const versions = this.ready().versions;
    return { versions: await versions.list(table), error: versions.lastError };
  }

  /** Rows added, removed and changed in `table` between two versions (the first `limit`). */
  async diffVersions(table: string, from: number, to: number, limit?: number): Promise<VersionDiff> {
    await this.ready().bookkept();
    return this.ready().versions.diff(table, from, to, limit);
  }

  /** Every table back as it was at `version`, as a new version; the stored lakehouse is saved after. */
  async rollbackTo(version: number): Promise<CommittedVersion> {
    await this.store().changing();
    const committed = await this.ready().rollbackTo(version);
    await this.store().save(this.ready());
    return committed;
  }

  /** Retention: drops the row versions older than the last `keepBatches` batches, then saves. */
  async vacuumVersions(keepBatches: number): Promise<VersionsVacuumed> {
    await this.store().changing();
    const lakehouse = this.ready();
    const result = await lakehouse.exclusive(() => lakehouse.versions.vacuum(keepBatches));
    const saved = await this.store().save(lakehouse);
    return { ...result, storedBytes: saved?.bytes };
  }

  exportTable(layer: Layer, table: string, format: ExportFormat): Promise<ExportedFile> {
    return this.ready().exportTable(layer, table, format);
  }

  /** Headline numbers from gold for the HTML report. */
  reportNumbers(): Promise<ReportNumber[]> {
    return reportNumbers(this.ready().engine);
  }

  exportLakehouse(): Promise<ExportedFile> {
    const trained = this.predictions();
    return this.ready().exportZip(trained && predictionFiles(trained));
  }

  private store(): StoredLakehouse {
    if (!this.saved) throw new Error('The engine has not started yet.');
    return this.saved;
  }

  private ready(): Lakehouse {
    if (!this.lakehouse) throw new Error('The engine has not started yet.');
    return this.lakehouse;
  }
}

const SLICE = 4 << 20;

function blobStream(blob: Blob): NonNullable<InputFile['stream']> {
  return {
    size: blob.size,
    async *chunks() {
      for (let at = 0; at < blob.size; at += SLICE) yield new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
    },
  };
}

function progress(phase: LoadProgress['phase'], file: string | undefined, filesDone: number, filesTotal: number, bytesDone: number, bytesTotal: number): LoadProgress {
  return { phase, file, filesDone, filesTotal, bytesDone, bytesTotal, rowsLoaded: 0 };
}
