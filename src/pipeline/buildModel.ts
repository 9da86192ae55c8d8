import type { Engine } from '../engine/interface';
import { isOutOfMemory, outOfMemoryMessage } from '../ingest/outOfMemory';
import { materialiseGold, materialiseSilver } from './materialise';
import { binderMissingColumn, describeMissingColumns, tableLacking, type MissingColumns } from './missingColumns';
import type { Model } from './model';
import type { ModelRun, RunOptions } from './runner';
import { countBalance } from './silverBalance';
import { mergeNewRows } from './incremental/mergeNewRows';
import { rebuildKeys } from './incremental/goldByKeys';
import type { BuildPlan } from './incremental/planBuild';

/** A build that brings the model up to date by key: silver merging new rows, gold rebuilding keys. */
type MergePlan = Extract<BuildPlan, { kind: 'merge' | 'keys' }>;

export const CANCELLED_WHILE_RUNNING = 'cancelled while it ran; nothing of it was kept';
export const CANCELLED_BETWEEN_TRIES = 'cancelled while it waited to be tried again; nothing of it was kept';

/**
 * Builds one model into `run` (status, rows, error, attempts). A model declaring
 * `retries: N` is tried again up to N times after a pause that doubles each time; failures
 * that would only fail again are not retried: out of memory (the user is told what to do
 * instead), a bronze column the table lacks, and a cancel (also during the pause).
 */
export async function buildWithRetries(engine: Engine, model: Model, run: ModelRun, options: RunOptions, byKey?: MergePlan): Promise<void> {
  const retries = model.retries ?? 0;
  const errors: string[] = [];
  for (let attempt = 1; ; attempt++) {
    run.attempts = attempt;
    try {
      await options.testHooks?.beforeAttempt?.(model, attempt);
      // Only a first try merges new rows (or rebuilds keys): one that failed may have applied part of them.
      await build(engine, model, run, options, attempt === 1 ? byKey : undefined);
      run.status = 'success';
      break;
    } catch (error) {
      // After a cancel, a failing statement is the engine's interrupt of it: cancelled too.
      const cancelledInside = options.signal?.aborted === true;
      const lacking = cancelledInside ? undefined : await lackingColumn(engine, model, (error as Error).message);
      const message = (error as Error).message.split('\n')[0]!;
      if (!cancelledInside && !lacking && !isOutOfMemory(error) && attempt <= retries) {
        errors.push(message);
        const ms = (options.retryPauseMs ?? 250) * 2 ** (attempt - 1);
        options.onRetry?.(model.id, attempt, ms, message);
        if (await pause(ms, options.signal)) continue;
        run.status = 'skipped';
        run.error = CANCELLED_BETWEEN_TRIES;
        break;
      }
      run.status = lacking || cancelledInside ? 'skipped' : 'failed';
      run.error = cancelledInside
        ? CANCELLED_WHILE_RUNNING
        : lacking
        ? await describeMissingColumns(engine, model, [lacking], options.bronzeFiles)
        : isOutOfMemory(error) ? outOfMemoryMessage(`building ${model.id}`, error) : message;
      break;
    }
  }
  if (errors.length) run.retried_errors = errors;
}

async function build(engine: Engine, model: Model, run: ModelRun, options: RunOptions, byKey?: MergePlan): Promise<void> {
  if (model.layer === 'silver') {
    const merged = byKey?.kind === 'merge' && (await mergeNewRows(engine, model, byKey.afterBatch, options.testHooks?.onStage)) !== undefined;
    if (merged) run.incremental = 'merged';
    else {
      delete run.incremental;
      await materialiseSilver(engine, model, options.testHooks?.onStage);
    }
    await options.testHooks?.afterSilver?.(model);
    run.balance = await countBalance(engine, model.name);
    run.rows = run.balance.silver;
  } else if (byKey?.kind === 'keys') {
    run.rows = await rebuildKeys(engine, model, byKey.affected);
    run.incremental = 'merged';
  } else {
    delete run.incremental;
    run.rows = await materialiseGold(engine, model);
  }
}

/** Waits `ms`; false when the signal aborts first (the run was cancelled). */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort);
  });
}

/** A bronze column the model's table lacks, when that is what DuckDB's error is about. */
async function lackingColumn(engine: Engine, model: Model, message: string): Promise<MissingColumns | undefined> {
  const column = binderMissingColumn(message);
  return column === undefined ? undefined : tableLacking(engine, model, column);
}
