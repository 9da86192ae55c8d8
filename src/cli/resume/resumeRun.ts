import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../engine/interface';
import { memoryUse } from '../../engine/memoryUse';
import { parquetToArrow } from '../../engine/parquet';
import type { IngestReport } from '../../ingest/loadFiles';
import { isOutOfMemory } from '../../ingest/outOfMemory';
import type { LoadedSource } from '../../ingest/loadedSource';
import { listTables, type TableInfo } from '../../lakehouse/tableInfo';
import { mergeRun } from '../../lakehouse/pipelineView/mergeRun';
import { resumeSet } from '../../pipeline/dag';
import { LAYERS, ensureLayerSchemas } from '../../pipeline/layers';
import { parseModel } from '../../pipeline/model';
import { buildRunReport, type RunReport } from '../../pipeline/runReport';
import { runPipeline } from '../../pipeline/runner';
import { openEngine, type EngineName } from '../openEngine';
import { readModels } from '../readModels';
import type { BatchResult } from '../runBatch';
import { modelLogging, printOutcome } from '../runBatch';
import { writeLakehouse } from '../writeLakehouse';

/** What run.json says about a resumed run: the run it continued and what it rebuilt. */
export interface Resumed {
  previous_started_at: string;
  previous_finished_at: string;
  /** The models this run built again (those that did not succeed before, and what reads them), in run order. */
  rebuilt: string[];
}

export type ResumedReport = RunReport & { resumed?: Resumed };

/** The load as run.json recorded it, so that the new run.json keeps the sources and their totals. */
function ingestOf(previous: RunReport): IngestReport {
  const sources = previous.sources.map((s) => ({ ...s, samples: s.problems, columns: [] }) as unknown as LoadedSource);
  return { sources, errors: previous.errors, skipped: previous.skipped, notes: previous.notes, milliseconds: sources.reduce((n, s) => n + s.milliseconds, 0) };
}

/** Loads `dir/<layer>/<table>.parquet` back into `<layer>.<table>` (both engines: Parquet is read through Arrow). */
async function readLakehouse(engine: Engine, dir: string): Promise<number> {
  await ensureLayerSchemas(engine);
  let tables = 0;
  for (const layer of LAYERS) {
    const names = await readdir(join(dir, layer)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.parquet')).sort()) {
      await engine.insertArrow(`${layer}.${name.replace(/\.parquet$/, '')}`, await parquetToArrow(await readFile(join(dir, layer, name))), 'new');
      tables++;
    }
  }
  return tables;
}

/** A table written by one of `models`: the model's own, or its silver model's quarantine and duplicates. */
const writtenBy = (models: Set<string>) => (t: TableInfo) => models.has(`${t.layer}.${t.name}`) || ((t.layer === 'quarantine' || t.layer === 'duplicates') && models.has(`silver.${t.name}`));

/**
 * Resumes the run written to `dir` (run.json and its Parquet files): rebuilds the models
 * that failed or were skipped and every model that reads them, leaves the others' tables
 * and files as they are, and writes the merged run.json noting what it resumed.
 */
export async function resumeRun(engineName: EngineName, dir: string, modelsDir?: string): Promise<BatchResult> {
  const startedAt = new Date();
  let previous: ResumedReport;
  try {
    previous = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
  } catch (e) {
    throw new Error(`cannot resume ${dir}: its run.json could not be read (${(e as Error).message}); resume a folder written by --out`);
  }
  const models = (await readModels(modelsDir)).map(parseModel);
  const only = resumeSet(models, previous.models);
  const ingest = ingestOf(previous);
  const engine = await openEngine(engineName);
  try {
    const tables = await readLakehouse(engine, dir);
    console.log(`resuming ${dir}: ${tables} tables read back; ${only.length ? `rebuilding ${only.join(', ')}` : 'every model succeeded, nothing to rebuild'}`);
    // Out of memory is not worth trying blindly again on the same engine: said before it runs (the runner keeps its message if it fails again).
    const ranOut = (error?: string) => isOutOfMemory(error) || /^DuckDB ran out of memory/.test(error ?? '');
    const instead = engineName === 'wasm' ? ` (the native engine can use all of this machine's memory: npm run pipeline -- --engine native --resume ${dir})` : '';
    for (const m of previous.models.filter((m) => m.status === 'failed' && ranOut(m.error) && previous.engine.kind === engineName))
      console.log(`note: ${m.name} ran out of memory in the run being resumed; with the same engine it may run out again${instead}`);
    const bronzeFiles: Record<string, string[]> = {};
    for (const s of ingest.sources) (bronzeFiles[s.table] ??= []).push(s.file);
    const partial = await runPipeline(engine, models, { only, bronzeFiles, ...modelLogging() });
    const before = { models: previous.models, expectations: previous.expectations, ok: false, milliseconds: 0 };
    const pipeline = { ...mergeRun(before, partial), memory: await memoryUse(engine) };
    const after = await listTables(engine);
    // Only what was rebuilt is written again: the files of the models that succeeded before stay untouched.
    const written = await writeLakehouse(engine, after.filter(writtenBy(new Set(only))), dir);
    const processPeakBytes = process.resourceUsage().maxRSS * 1024;
    const report: ResumedReport = {
      ...buildRunReport({ engine: await engine.describe(), startedAt, finishedAt: new Date(), ingest, tables: after, pipeline, processPeakBytes }),
      resumed: { previous_started_at: previous.started_at, previous_finished_at: previous.finished_at, rebuilt: partial.models.map((m) => m.name) },
    };
    await writeFile(join(dir, 'run.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`wrote ${written.length} Parquet files and run.json to ${dir}`);
    printOutcome(ingest, pipeline);
    return { report, ok: ingest.errors.length === 0 && pipeline.ok };
  } finally {
    await engine.close();
  }
}
