import type { MemoryUse } from '../engine/memoryUse';
import type { Engine } from '../engine/interface';
import { qualified, quoteLiteral } from '../engine/sql';
import { ancestors, descendants, firstThenRest, topologicalOrder } from './dag';
import { runExpectations, type ExpectationCheck, type ExpectationResult } from './expectations/runExpectation';
import type { ExpectationSpec } from './expectations/expectationSpec';
import { ensureLayerSchemas } from './layers';
import { createSqlMacros } from './sqlMacros';
import { buildWithRetries, CANCELLED_BETWEEN_TRIES, CANCELLED_WHILE_RUNNING } from './buildModel';
import { checkRowAccounting } from './rowAccounting';
import type { SilverBalance } from './silverBalance';
import { describeMissingColumns, findMissingColumns, type MissingColumns } from './missingColumns';
import type { Model } from './model';
import { IncrementalRun } from './incremental/incrementalRun';

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
  /** Builds tried (1 unless the model declares `retries:` and failed); absent when it was skipped. */
  attempts?: number;
  /** The first line of each failed try before the last, when it was retried. */
  retried_errors?: string[];
  /**
   * An incremental run (RunOptions.incremental): 'unchanged' — nothing it reads changed
   * since its last build, so it was left as it is; 'merged' — silver typed only its
   * bronze's new rows and merged them in by key. Absent: built whole.
   */
  incremental?: 'unchanged' | 'merged';
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
  /** Called once the models are built, as the expectations start (the page says the checks are running). */
  onChecking?: () => void;
  /**
   * In order of need (the page's first charts, src/lakehouse/firstChart): `models` and
   * every model they read are built first, then `then` runs with their runs (awaited),
   * then the other models, then every expectation. The result is the same as without it,
   * models and expectations listed in the usual order; only what happens first changes.
   */
  first?: { models: readonly string[]; then: (runs: readonly ModelRun[]) => Promise<void> };
  /**
   * Runs only these models (ids; see `rerunSet` in dag.ts), leaving every other table as
   * it is. A table they read that is neither in the set nor built skips them.
   */
  only?: readonly string[];
  /** The files each bronze table was loaded from (`bronze.sellers` → paths), for messages. */
  bronzeFiles?: Record<string, string[]>;
  /**
   * Leaves the models nothing changed for as they are and merges only new bronze rows into
   * silver where it can (src/pipeline/incremental): what a lakehouse's batches use. Not
   * with `only` (a re-run rebuilds what it names). Without it every model is built whole.
   */
  incremental?: boolean;
  /** Cancels the run before the next model; the models built so far stay. */
  signal?: AbortSignal;
  /** Called when a try at `model` failed and it will be tried again after `pauseMs`. */
  onRetry?: (model: string, attempt: number, pauseMs: number, error: string) => void;
  /** The pause before the first retry of a model declaring `retries:`; each next pause doubles. Default 250 ms. */
  retryPauseMs?: number;
  /**
   * Tests only: `onStage` sees a silver model's whole result (every row with its `_reason`)
   * before the runner splits it; `afterSilver` runs once silver, quarantine and duplicates
   * of a model are written, before they are counted and checked (mutation tests tamper there).
   */
  testHooks?: {
    onStage?: (model: Model, stage: string) => Promise<void>;
    afterSilver?: (model: Model) => Promise<void>;
    /** Runs before each try at building a model (1, 2, …): tests make a model fail once here. */
    beforeAttempt?: (model: Model, attempt: number) => Promise<void>;
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
  const usual = topologicalOrder(models).filter((m) => !options.only || options.only.includes(m.id));
  const firstIds = options.first ? ancestors(models, options.first.models) : new Set<string>();
  const order = firstThenRest(usual, firstIds);
  const firstCount = order.filter((m) => firstIds.has(m.id)).length;
  options.onPlan?.(order.map((m) => m.id));
  const inRun = new Set(order.map((m) => m.id));
  const existing = await existingTables(engine, options.only ? ['bronze', 'silver', 'gold'] : ['bronze']);
  const blocked = new Map<string, string>();
  const runs: ModelRun[] = [];
  const expectations: ExpectationResult[] = [];

  const incremental = await IncrementalRun.start(engine, options.incremental === true && !options.only);
  let missingColumns: MissingColumns[];
  for (const [index, model] of order.entries()) {
    if (options.first && index === firstCount) await options.first.then(runs);
    const run: ModelRun = { name: model.id, layer: model.layer, status: 'skipped', rows: 0, milliseconds: 0, depends_on: model.references };
    const missing = model.references.filter((r) => !inRun.has(r) && !existing.has(r) && (options.only || !/^(silver|gold)\./.test(r)));
    if (options.signal?.aborted) run.error = CANCELLED;
    else if (blocked.has(model.id)) run.error = blocked.get(model.id);
    else if (missing.length) run.error = `needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not ${missing.every((r) => r.startsWith('bronze.')) ? 'loaded' : 'built'}`;
    else if ((missingColumns = await findMissingColumns(engine, model)).length) {
      run.error = await describeMissingColumns(engine, model, missingColumns, options.bronzeFiles);
    } else {
      const started = performance.now();
      const { plan, inputs } = await incremental.plan(model);
      if (plan.kind === 'unchanged') await incremental.unchanged(model, run, plan.rows);
      else {
        const bronze = await incremental.bronzeBefore(model);
        await incremental.building(model);
        await buildWithRetries(engine, model, run, options, plan.kind === 'merge' || plan.kind === 'keys' ? plan : undefined);
        await incremental.built(model, run, inputs, bronze);
        run.finished_at = new Date().toISOString();
      }
      run.milliseconds = Math.round(performance.now() - started);
    }
    if (run.status !== 'success') {
      for (const d of descendants(models, model.id)) if (!blocked.has(d)) blocked.set(d, `upstream ${model.id} did not run`);
    }
    runs.push(run);
    options.onModel?.(run, index, order.length);
  }
  if (options.first && firstCount === order.length) await options.first.then(runs);
  // Listed in the usual order, whatever order they were built in.
  const runOf = new Map(order.map((m, i) => [m.id, runs[i]!]));
  runs.splice(0, runs.length, ...usual.map((m) => runOf.get(m.id)!));
  const cancelled = runs.some((r) => r.error === CANCELLED || r.error === CANCELLED_WHILE_RUNNING || r.error === CANCELLED_BETWEEN_TRIES);
  if (cancelled) return { models: runs, expectations, ok: false, cancelled, milliseconds: Math.round(performance.now() - started) };
  // Expectations run once every model is built: a reconciliation declared on one model
  // may read another that comes later in the order.
  options.onChecking?.();
  const tables = await existingTables(engine, ['bronze', 'silver', 'gold']);
  const built = usual.filter((m) => runOf.get(m.id)!.status === 'success');
  const checks = built.map((model) => ({ model, checks: modelChecks(model), unchanged: runOf.get(model.id)!.incremental === 'unchanged' }));
  // A model left unchanged reports the results its checks had on the same tables (incremental/checkRecords.ts).
  const reused = await incremental.reusableChecks(checks);
  const fresh = checks.filter((c) => !reused.has(c.model.id));
  const counted = await runExpectations(engine, fresh.flatMap((c) => c.checks), (t) => tables.has(t));
  // Each model's expectations, then its row accounting: the order run.json and the views show.
  const countedNow: Array<(typeof checks)[number] & { results: ExpectationResult[] }> = [];
  for (const c of checks) {
    const kept = reused.get(c.model.id);
    if (kept) {
      expectations.push(...kept);
      continue;
    }
    const results = counted.splice(0, c.checks.length);
    const balance = runOf.get(c.model.id)!.balance;
    if (balance) results.push(await checkRowAccounting(engine, c.model, balance));
    expectations.push(...results);
    countedNow.push({ ...c, results });
  }
  await incremental.countedChecks(countedNow);
  const ok = runs.every((r) => r.status !== 'failed') && expectations.every((e) => e.severity !== 'error' || e.status === 'pass');
  return { models: runs, expectations, ok, milliseconds: Math.round(performance.now() - started) };
}

const CANCELLED = 'cancelled before it started';

/** A model's declared expectations, plus the implied `unique(key)` first when it does not declare it. */
function modelChecks(model: Model): ExpectationCheck[] {
  const table = qualified(model.layer, model.name);
  const specs: ExpectationSpec[] = [...model.expectations];
  const key = model.key.join(', ');
  if (key && !specs.some((s) => s.kind === 'unique' && s.args[0].replaceAll(' ', '') === key.replaceAll(' ', ''))) {
    specs.unshift({ kind: 'unique', args: [key], severity: 'error', name: `unique(${key})` });
  }
  return specs.map((spec) => ({ model: model.id, table, spec }));
}

async function existingTables(engine: Engine, schemas: string[]): Promise<Set<string>> {
  // duckdb_tables(), not information_schema.tables: ~35 ms a query in DuckDB-WASM (DESIGN §3).
  const t = await engine.query(`SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name IN (${schemas.map(quoteLiteral).join(', ')})`);
  return new Set(t.toArray().map((r) => String(r.t)));
}
