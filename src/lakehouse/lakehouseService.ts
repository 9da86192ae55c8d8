import type { EngineInfo } from '../engine/interface';
import type { BundleChoice } from '../engine/wasm/browserWasmEngine';
import { createBrowserWasmEngine } from '../engine/wasm/browserWasmEngine';
import { generateOlist } from '../demo/generateOlist';
import { isStreamable, type InputFile } from '../ingest/inputFile';
import type { IngestReport } from '../ingest/loadFiles';
import type { LoadProgress, ProgressListener } from '../ingest/progress';
import type { Layer } from '../pipeline/layers';
import { bundledModelFiles } from '../pipeline/models/bundledModels';
import { lineageOf, type TracedColumn } from '../pipeline/lineage/lineageFile';
import type { ModelRun, PipelineRun } from '../pipeline/runner';
import type { ChartId } from './dashboard/chartId';
import type { DashboardData } from './dashboard/dashboardData';
import type { DashboardFilter } from './dashboard/dashboardFilter';
import type { DashboardOptions } from './dashboard/dashboardOptions';
import { Lakehouse } from './lakehouse';
import type { TableInfo } from './tableInfo';
import type { ExportedFile, ExportFormat } from './export/exportTable';
import { reportNumbers, type ReportNumber } from './export/reportNumbers';
import { OpfsDirectory } from './persistence/opfsDirectory';
import type { RestoreResult } from './persistence/restoreLakehouse';
import type { SaveResult } from './persistence/saveLakehouse';
import { SavedLakehouse } from './persistence/savedLakehouse';
import type { LakehouseSession } from './session';

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
  private readonly saved = new SavedLakehouse(OpfsDirectory.available() ? new OpfsDirectory() : undefined);

  async start(bundle: BundleChoice = 'auto'): Promise<EngineInfo> {
    if (!this.lakehouse) this.lakehouse = new Lakehouse(await createBrowserWasmEngine(bundle));
    return this.lakehouse.engineInfo();
  }

  async loadPicked(picked: PickedFile[], onProgress?: ProgressListener): Promise<IngestReport> {
    const files: InputFile[] = [];
    const total = picked.reduce((n, p) => n + p.file.size, 0);
    let done = 0;
    for (const p of picked) {
      onProgress?.(progress('reading', p.path, files.length, picked.length, done, total));
      // A dump is parsed statement by statement, so it is read in slices, never whole.
      if (isStreamable(p.path)) files.push({ path: p.path, bytes: new Uint8Array(0), stream: blobStream(p.file) });
      else files.push({ path: p.path, bytes: new Uint8Array(await p.file.arrayBuffer()) });
      done += p.file.size;
    }
    await this.saved.idle();
    return this.ready().load(files, onProgress);
  }

  /** Generates the Olist-shaped demo dataset at scale `sf` and loads it. */
  async loadDemo(sf: number, onProgress?: ProgressListener): Promise<IngestReport> {
    onProgress?.(progress('generating', undefined, 0, 9, 0, 0));
    const files = generateOlist({ sf }).map((f) => ({ path: `demo/${f.name}`, bytes: f.bytes }));
    await this.saved.idle();
    return this.ready().load(files, onProgress);
  }

  /** Builds silver and gold from bronze with the shipped models. */
  runPipeline(onPlan?: (models: string[]) => void, onModel?: (run: ModelRun, index: number, total: number) => void): Promise<PipelineRun> {
    return this.ready().runPipeline(bundledModelFiles, { onPlan, onModel });
  }

  /** Where a model's column comes from: direct sources and bronze columns (from the SQL). */
  columnLineage(model: string, column: string): TracedColumn | undefined {
    return lineageOf(model, column);
  }

  tables(): Promise<TableInfo[]> {
    return this.ready().tables();
  }

  ingestReport(): IngestReport {
    return this.ready().ingestReport();
  }

  previewIPC(layer: Layer, table: string, limit?: number): Promise<Uint8Array> {
    return this.ready().previewIPC(layer, table, limit);
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

  /** Start-up: the lakehouse saved in this browser (OPFS), if any, checked and loaded. */
  restoreSaved(): Promise<RestoreResult> {
    return this.saved.restore(this.ready());
  }

  /** Saves every table and the reports to browser storage (after any save under way); undefined where there is none. */
  saveToBrowser(): Promise<SaveResult | undefined> {
    return this.saved.save(this.ready());
  }

  /** Clears the saved data and the lakehouse in memory. */
  async resetAll(): Promise<void> {
    await this.saved.clear();
    await this.ready().reset();
  }

  session(): LakehouseSession {
    return this.ready().session();
  }

  exportTable(layer: Layer, table: string, format: ExportFormat): Promise<ExportedFile> {
    return this.ready().exportTable(layer, table, format);
  }

  /** Headline numbers from gold for the HTML report. */
  reportNumbers(): Promise<ReportNumber[]> {
    return reportNumbers(this.ready().engine);
  }

  exportLakehouse(): Promise<ExportedFile> {
    return this.ready().exportZip();
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
