import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem } from '../ingest/ingestError';
import { Lakehouse } from '../lakehouse/lakehouse';
import type { IngestReport } from '../ingest/loadFiles';
import { buildRunReport, type RunReport } from '../pipeline/runReport';
import type { PipelineRun, RunOptions } from '../pipeline/runner';
import type { SilverBalance } from '../pipeline/silverBalance';
import { openEngine, openLakehouseFolder, type EngineName } from './openEngine';
import { readInputs } from './readInputs';
import { readModels } from './readModels';
import { writeLakehouse } from './writeLakehouse';

export interface BatchResult {
  report: RunReport;
  /** No input failed, no model failed, no error-severity expectation failed. */
  ok: boolean;
}

/** "; bronze 100 = silver 90 + duplicates 6 (4 exact) + quarantine 4", each counted from its table. */
function balanceNote(b: SilverBalance | undefined): string {
  if (!b) return '';
  const duplicates = b.exactDuplicates + b.conflictingDuplicates;
  return `; bronze ${b.bronze} = silver ${b.silver} + duplicates ${duplicates} (${b.exactDuplicates} exact) + quarantine ${b.quarantined}`;
}

/** " after 1 retry" when a model needed more than one try. */
function retriedNote(attempts: number | undefined): string {
  return attempts && attempts > 1 ? ` after ${attempts - 1} ${attempts === 2 ? 'retry' : 'retries'}` : '';
}

/** The console lines of a pipeline run as it goes: each model as it finishes, each retry. */
export function modelLogging(): Pick<RunOptions, 'onRetry' | 'onModel'> {
  return {
    onRetry: (model, attempt, ms, error) => console.log(`${model}: try ${attempt} failed (${error}); trying again in ${ms} ms`),
    onModel: (m, i, n) => console.log(`[${i + 1}/${n}] ${m.name}: ${m.status}${retriedNote(m.attempts)}${m.status === 'success' ? `, ${m.rows} rows [${m.milliseconds} ms]${balanceNote(m.balance)}` : ` — ${m.error}`}`),
  };
}

/** After a run: the files that failed, the models that failed, and the expectations that did not pass. */
export function printOutcome(ingest: IngestReport, pipelineRun: PipelineRun): void {
  for (const p of ingest.errors) console.error(`error: ${formatProblem(p)}`);
  for (const m of pipelineRun.models.filter((m) => m.status === 'failed')) console.error(`error: model ${m.name} failed: ${m.error}`);
  // Skipped (a table it reads is not loaded): said, but neither a warning nor an error.
  for (const e of pipelineRun.expectations.filter((e) => e.status === 'skipped')) console.log(`note: ${e.model}: expectation ${e.name} skipped: ${e.message}`);
  for (const e of pipelineRun.expectations.filter((e) => e.status !== 'pass' && e.status !== 'skipped')) {
    const line = `${e.model}: expectation ${e.name} ${e.status === 'error' ? `could not run: ${e.message}` : `failed on ${e.failing} rows`}`;
    if (e.severity === 'error') console.error(`error: ${line}`);
    else console.log(`warning: ${line}`);
  }
}

/**
 * One run of DESIGN.md §7: loads the inputs into bronze, builds silver and gold, writes
 * every table as Parquet and run.json to `out`, and says what happened. In a fresh engine,
 * or, with `lakehouse` (a folder), in the native DuckDB database kept there: then the run
 * is the next batch of that lakehouse (src/lakehouse/batches), as a load in the app is.
 */
export async function runBatch(engineName: EngineName, inputs: string[], out: string, options: { lakehouseDir?: string; modelsDir?: string } = {}): Promise<BatchResult> {
  const { lakehouseDir, modelsDir } = options;
  const startedAt = new Date();
  const { files, problems } = await readInputs(inputs, out);
  const engine = lakehouseDir ? await openLakehouseFolder(lakehouseDir) : await openEngine(engineName);
  try {
    const lakehouse = new Lakehouse(engine);
    // A lakehouse kept in a folder keeps its run history too (src/lakehouse/runs), as the app's does.
    if (lakehouseDir) lakehouse.history.keep();
    // Said before loading (DuckDB-WASM only): the files may not fit in its memory.
    let warned = false;
    const ingest = await lakehouse.load(files, (p) => {
      if (p.memoryWarning && !warned) (warned = true), console.error(`warning: ${p.memoryWarning}`);
    }, undefined, { trigger: 'cli' });
    ingest.errors.unshift(...problems);
    for (const s of ingest.sources) {
      const q = s.quarantined ? `, ${s.quarantined} quarantined${s.samples[0] ? ` (e.g. ${formatProblem(s.samples[0])})` : ''}` : '';
      console.log(`${s.file} → ${s.table}: ${s.rows} rows${q} [${s.milliseconds} ms]`);
    }
    if (lakehouseDir) console.log(`batch ${ingest.batch} of the lakehouse in ${lakehouseDir}`);
    // What the loaders decided about whole files (converted from Latin-1, views skipped, …).
    for (const n of ingest.notes) console.log(`note: ${n.file}: ${n.message}`);
    for (const s of ingest.sources) for (const n of s.notes ?? []) console.log(`note: ${s.file}: ${n}`);
    const pipelineRun = await lakehouse.runPipeline(await readModels(modelsDir), modelLogging());
    const tables = await lakehouse.tables();
    const written = await writeLakehouse(engine, tables, out);
    // maxRSS: the peak of this process, DuckDB (native or WASM) included, in KiB.
    const processPeakBytes = process.resourceUsage().maxRSS * 1024;
    const report = buildRunReport({ engine: await engine.describe(), startedAt, finishedAt: new Date(), ingest, tables, pipeline: pipelineRun, processPeakBytes });
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'run.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`wrote ${written.length} Parquet files and run.json to ${out}`);
    printOutcome(ingest, pipelineRun);
    return { report, ok: ingest.errors.length === 0 && pipelineRun.ok };
  } finally {
    await engine.close();
  }
}
