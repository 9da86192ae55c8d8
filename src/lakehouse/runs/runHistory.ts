import type { Engine } from '../../engine/interface';
import { memoryUse } from '../../engine/memoryUse';
import type { IngestReport } from '../../ingest/loadFiles';
import type { PipelineRun } from '../../pipeline/runner';
import { listTables } from '../tableInfo';
import { listRuns, runDetail, runTrends } from './readRuns';
import { runRecord, type LoadFacts, type RunOrigin, type RunRecord } from './runRecord';
import { ensureRunSchema, hasRunSchema } from './runSchema';
import { DEFAULT_RETENTION, MAX_RETENTION, type RunDetail, type RunRetention, type RunSummary, type RunTrends, type RunTrigger } from './runTypes';
import { deleteRunSql, writeRunSql } from './writeRun';

/** How a load names its run: who started it, and the batch it is, if any. */
export interface LoadOrigin {
  trigger?: RunTrigger;
  batchId?: number;
}

/**
 * The lakehouse's run history (schema `runs` of its own database): every load, pipeline
 * run and re-run, recorded when it ends. A load is recorded at once, and the pipeline run
 * that follows it completes the same run, so "load the demo" is one run, not two. It
 * records only once `keep()` was called: the app keeps history; the CLI's throwaway
 * database does not. Recording never fails a load or a run: a failure is kept in
 * `lastError` for the Runs view to say.
 */
export class RunHistory {
  private keeping = false;
  /** The last load's run, which the pipeline run after it completes. */
  private pendingLoad?: { id: number; origin: RunOrigin; load: LoadFacts };
  lastError?: string;

  constructor(private readonly engine: Engine) {}

  /** Records runs from now on. */
  keep(): void {
    this.keeping = true;
  }

  /** After a load: records it as a run of its own, which a following pipeline run completes. */
  async loaded(report: IngestReport, startedAt: Date, origin: LoadOrigin = {}): Promise<void> {
    if (!this.keeping) return;
    await this.safely(async () => {
      // Every load is a batch of the lakehouse (src/lakehouse/batches) once it has its id.
      const batchId = origin.batchId ?? report.batch;
      const run: RunOrigin = { kind: batchId !== undefined ? 'batch' : 'load', trigger: origin.trigger ?? 'user', ...(batchId !== undefined && { batchId }) };
      const load: LoadFacts = { report: structuredClone(report), startedAt, finishedAt: new Date(), memoryBytes: (await memoryUse(this.engine)).heldBytes };
      const id = await this.nextId();
      this.pendingLoad = undefined;
      await this.write(id, runRecord(run, await this.tables(), load));
      // A cancelled load is not modelled (the page stops there): its run is complete as it is.
      if (!report.cancelled) this.pendingLoad = { id, origin: run, load };
    });
  }

  /** After a pipeline run (`ran` absent) or a re-run of the models named in `ran`. */
  async ran(run: PipelineRun, startedAt: Date, options: { ran?: readonly string[]; trigger?: RunTrigger; finishedAt?: Date } = {}): Promise<void> {
    if (!this.keeping) return;
    await this.safely(async () => {
      const pending = options.ran ? undefined : this.pendingLoad;
      this.pendingLoad = undefined;
      const origin: RunOrigin = pending?.origin ?? { kind: options.ran ? 'rerun' : 'pipeline', trigger: options.trigger ?? 'user' };
      const id = pending?.id ?? (await this.nextId());
      // A re-run's merged state carries no memory reading: sample it now.
      const memory = run.memory ?? (await memoryUse(this.engine));
      // A run recorded after its answer (lakehouse/firstChart/runOrder.ts) says when its models finished.
      const pipeline = { run: { ...run, memory }, ...(options.ran && { ran: options.ran }), startedAt, finishedAt: options.finishedAt ?? new Date() };
      await this.write(id, runRecord(origin, await this.tables(), pending?.load, pipeline));
    });
  }

  /** The runs, newest first. */
  async list(limit?: number): Promise<RunSummary[]> {
    return (await hasRunSchema(this.engine)) ? listRuns(this.engine, limit) : [];
  }

  async detail(id: number): Promise<RunDetail | undefined> {
    return (await hasRunSchema(this.engine)) ? runDetail(this.engine, id) : undefined;
  }

  async trends(): Promise<RunTrends> {
    return (await hasRunSchema(this.engine)) ? runTrends(this.engine) : { runs: [], models: [], layers: [] };
  }

  async retention(): Promise<RunRetention> {
    if (!(await hasRunSchema(this.engine))) return DEFAULT_RETENTION;
    const row = (await this.engine.query(`SELECT value FROM runs.settings WHERE key = 'keep'`)).get(0);
    const keep = Number(row?.value);
    return Number.isInteger(keep) && keep > 0 ? { keep } : DEFAULT_RETENTION;
  }

  /** Keeps the last `keep` runs (1 to 1000) from now on, and drops older ones now. */
  async setRetention(keep: number): Promise<RunRetention> {
    if (!Number.isInteger(keep) || keep < 1 || keep > MAX_RETENTION) throw new Error(`Keep between 1 and ${MAX_RETENTION} runs (got ${keep}).`);
    await ensureRunSchema(this.engine);
    await this.engine.exec(`BEGIN TRANSACTION; DELETE FROM runs.settings WHERE key = 'keep'; INSERT INTO runs.settings VALUES ('keep', '${keep}'); COMMIT`);
    await this.prune(keep);
    return { keep };
  }

  /** Forgets every run (run ids are not reused). */
  async clear(): Promise<void> {
    this.pendingLoad = undefined;
    if (await hasRunSchema(this.engine)) await this.engine.exec(deleteRunSql('IS NOT NULL').join('; '));
  }

  private async write(id: number, record: RunRecord): Promise<void> {
    await this.engine.exec(writeRunSql(id, record));
    await this.prune((await this.retention()).keep);
  }

  private async prune(keep: number): Promise<void> {
    await this.engine.exec(deleteRunSql(`NOT IN (SELECT id FROM runs.runs ORDER BY id DESC LIMIT ${keep})`).join('; '));
  }

  private async nextId(): Promise<number> {
    await ensureRunSchema(this.engine);
    return Number((await this.engine.query(`SELECT nextval('runs.run_id')::DOUBLE AS id`)).get(0)!.id);
  }

  private async tables() {
    return (await listTables(this.engine)).map(({ layer, name, rows }) => ({ layer, name, rows }));
  }

  private async safely(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.lastError = undefined;
    } catch (error) {
      this.lastError = `The run history could not be written: ${(error as Error).message}`;
    }
  }
}
