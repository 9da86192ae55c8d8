import type { MemoryUse } from '../engine/memoryUse';
import type { Engine } from '../engine/interface';
import { isOutOfMemory, outOfMemoryMessage } from '../ingest/outOfMemory';
import { qualified, quoteLiteral } from '../engine/sql';
import { descendants, topologicalOrder } from './dag';
import { runExpectation, type ExpectationResult } from './expectations/runExpectation';
import type { ExpectationSpec } from './expectations/expectationSpec';
import { ensureLayerSchemas } from './layers';
import { createSqlMacros } from './sqlMacros';
import { materialiseGold, materialiseSilver } from './materialise';
import { checkRowAccounting } from './rowAccounting';
import { countBalance, type SilverBalance } from './silverBalance';
import { binderMissingColumn, describeMissingColumns, findMissingColumns, tableLacking, type MissingColumns } from './missingColumns';
import type { Model } from './model';

export interface ModelRun {
  name: string;
  layer: string;
  status: 'success' | 'failed' | 'skipped';
  rows: number;
  milliseconds: number;
  depends_on: string[];
  /** When the model finished building (ISO 8601, UTC); absent when it was skipped. */
  finished_at?: string;
  error?: string;
  /** Silver only: where the bronze rows went, counted from the stored tables. */
  balance?: SilverBalance;
}

export interface PipelineRun {
  models: ModelRun[];
  expectations: ExpectationResult[];
  /** True when no model failed and no error-severity expectation failed (skipped is fine). */
  ok: boolean;
  /** Wall time of the whole run, models and expectations. */
  milliseconds: number;
  /** Cancelled: the models after the last one built were skipped, and no expectation ran. */
  cancelled?: boolean;
  /** DuckDB's memory at the end of the run (read by the lakehouse, engine/memoryUse.ts). */
  memory?: MemoryUse;
}

export interface RunOptions {
  /** Called once with the models in the order they will run. */
  onPlan?: (models: string[]) => void;
  /** Called as each model finishes (successfully or not). */
  onModel?: (run: ModelRun, index: number, total: number) => void;
  /**
   * Runs only these models (ids; see `rerunSet` in dag.ts), leaving every other table as
   * it is. A table they read that is neither in the set nor built skips them.
   */
  only?: readonly string[];
  /** The files each bronze table was loaded from (`bronze.sellers` → paths), for messages. */
  bronzeFiles?: Record<string, string[]>;
  /** Cancels the run before the next model; the models built so far stay. */
  signal?: AbortSignal;
  /**
   * Tests only: `onStage` sees a silver model's whole result (every row with its `_reason`)
   * before the runner splits it; `afterSilver` runs once silver, quarantine and duplicates
   * of a model are written, before they are counted and checked (mutation tests tamper there).
   */
  testHooks?: {
    onStage?: (model: Model, stage: string) => Promise<void>;
    afterSilver?: (model: Model) => Promise<void>;
  };
}

/**
 * Runs the models in dependency order. A model whose upstream failed, or whose bronze
 * input is not loaded, is skipped with the reason; the others still run. Then every
 * built model's expectations run (plus the implied `unique(key)`), and for silver the row
 * accounting: every bronze row in exactly one of silver, quarantine and duplicates.
 */
export async function runPipeline(engine: Engine, models: Model[], options: RunOptions = {}): Promise<PipelineRun> {
  const started = performance.now();
  await ensureLayerSchemas(engine);
  await createSqlMacros(engine);
  const order = topologicalOrder(models).filter((m) => !options.only || options.only.includes(m.id));
  options.onPlan?.(order.map((m) => m.id));
  const inRun = new Set(order.map((m) => m.id));
  const existing = await existingTables(engine, options.only ? ['bronze', 'silver', 'gold'] : ['bronze']);
  const blocked = new Map<string, string>();
  const runs: ModelRun[] = [];
  const expectations: ExpectationResult[] = [];

  let missingColumns: MissingColumns[];
  for (const [index, model] of order.entries()) {
    const run: ModelRun = { name: model.id, layer: model.layer, status: 'skipped', rows: 0, milliseconds: 0, depends_on: model.references };
    const missing = model.references.filter((r) => !inRun.has(r) && !existing.has(r) && (options.only || !/^(silver|gold)\./.test(r)));
    if (options.signal?.aborted) run.error = CANCELLED;
    else if (blocked.has(model.id)) run.error = blocked.get(model.id);
    else if (missing.length) run.error = `needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not ${missing.every((r) => r.startsWith('bronze.')) ? 'loaded' : 'built'}`;
    else if ((missingColumns = await findMissingColumns(engine, model)).length) {
      run.error = await describeMissingColumns(engine, model, missingColumns, options.bronzeFiles);
    } else {
      const started = performance.now();
      try {
        if (model.layer === 'silver') {
          await materialiseSilver(engine, model, options.testHooks?.onStage);
          await options.testHooks?.afterSilver?.(model);
          run.balance = await countBalance(engine, model.name);
          run.rows = run.balance.silver;
        } else {
          run.rows = await materialiseGold(engine, model);
        }
        run.status = 'success';
      } catch (error) {
        // After a cancel, a failing statement is the engine's interrupt of it: cancelled too.
        const cancelledInside = options.signal?.aborted === true;
        const lacking = cancelledInside ? undefined : await lackingColumn(engine, model, (error as Error).message);
        run.status = lacking || cancelledInside ? 'skipped' : 'failed';
        run.error = cancelledInside
          ? CANCELLED_WHILE_RUNNING
          : lacking
          ? await describeMissingColumns(engine, model, [lacking], options.bronzeFiles)
          : isOutOfMemory(error) ? outOfMemoryMessage(`building ${model.id}`, error) : (error as Error).message.split('\n')[0];
      }
      run.milliseconds = Math.round(performance.now() - started);
      run.finished_at = new Date().toISOString();
    }
    if (run.status !== 'success') {
      for (const d of descendants(models, model.id)) if (!blocked.has(d)) blocked.set(d, `upstream ${model.id} did not run`);
    }
    runs.push(run);
    options.onModel?.(run, index, order.length);
  }
  const cancelled = runs.some((r) => r.error === CANCELLED || r.error === CANCELLED_WHILE_RUNNING);
  if (cancelled) return { models: runs, expectations, ok: false, cancelled, milliseconds: Math.round(performance.now() - started) };
  // Expectations run once every model is built: a reconciliation declared on one model
  // may read another that comes later in the order.
  const tables = await existingTables(engine, ['bronze', 'silver', 'gold']);
  for (const [i, model] of order.entries()) {
    if (runs[i].status === 'success') expectations.push(...(await checkModel(engine, model, runs[i], (t) => tables.has(t))));
  }
  const ok = runs.every((r) => r.status !== 'failed') && expectations.every((e) => e.severity !== 'error' || e.status === 'pass');
  return { models: runs, expectations, ok, milliseconds: Math.round(performance.now() - started) };
}

const CANCELLED = 'cancelled before it started';
const CANCELLED_WHILE_RUNNING = 'cancelled while it ran; nothing of it was kept';

async function checkModel(engine: Engine, model: Model, run: ModelRun, exists: (table: string) => boolean): Promise<ExpectationResult[]> {
  const table = qualified(model.layer, model.name);
  const specs: ExpectationSpec[] = [...model.expectations];
  const key = model.key.join(', ');
  if (key && !specs.some((s) => s.kind === 'unique' && s.args[0].replaceAll(' ', '') === key.replaceAll(' ', ''))) {
    specs.unshift({ kind: 'unique', args: [key], severity: 'error', name: `unique(${key})` });
  }
  const results: ExpectationResult[] = [];
  for (const spec of specs) results.push(await runExpectation(engine, model.id, table, spec, exists));
  if (run.balance) results.push(await checkRowAccounting(engine, model, run.balance));
  return results;
}

/** A bronze column the model's table lacks, when that is what DuckDB's error is about. */
async function lackingColumn(engine: Engine, model: Model, message: string): Promise<MissingColumns | undefined> {
  const column = binderMissingColumn(message);
  return column === undefined ? undefined : tableLacking(engine, model, column);
}

async function existingTables(engine: Engine, schemas: string[]): Promise<Set<string>> {
  const t = await engine.query(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN (${schemas.map(quoteLiteral).join(', ')})`);
  return new Set(t.toArray().map((r) => String(r.t)));
}
