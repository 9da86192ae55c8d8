import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import type { Model } from '../model';
import { count } from '../silverBalance';
import type { BuildRecord } from './buildRecords';
import { affectedKeys } from './goldByKeys';

/**
 * How a run brings one model up to date (issue #15: a batch must not cost a rebuild):
 * - `unchanged`: its SQL and every table it reads are as they were at its last build, and
 *   its table still has the rows it was left with: nothing to do;
 * - `merge`: a silver model (one row per key) whose own bronze only got rows of later
 *   batches, and nothing else it reads changed: type those rows and merge them into
 *   silver by key (mergeNewRows.ts);
 * - `keys`: a gold model declaring `incremental:` whose changed inputs were all merged by
 *   key in this run, from the builds it last read: rebuild only the affected keys (goldByKeys.ts);
 * - `full`: anything else: build it whole, as a first run does.
 */
export type BuildPlan = { kind: 'unchanged'; rows: number } | { kind: 'merge'; afterBatch: number } | { kind: 'keys'; affected: string } | { kind: 'full' };

/** What the run knows while it goes: each model's build id (its last record, or the build it just did). */
export interface RunState {
  records: Map<string, BuildRecord>;
  /** `silver.orders` → its current build id; absent when it has none (failed, never recorded). */
  builds: Map<string, string>;
}

/**
 * The state of each table the model reads, as a record keeps it: a bronze table by its rows
 * and last batch; a model's table (and, for silver, its quarantine and duplicates) by the
 * build id that wrote it. Undefined when one of them cannot be told (a bronze table without
 * batches, or with rows not yet committed as a batch; a table no recorded model wrote):
 * then the model is built whole.
 */
export async function inputStates(engine: Engine, model: Model, state: RunState): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const ref of model.references) {
    const [layer, name] = ref.split('.') as [string, string];
    if (layer === 'bronze') {
      const b = await bronzeState(engine, name);
      if (!b || b.unbatched > 0) return undefined;
      out[ref] = `${b.rows} rows to batch ${b.batch}`;
      continue;
    }
    const writer = layer === 'quarantine' || layer === 'duplicates' ? `silver.${name}` : ref;
    const build = state.builds.get(writer);
    if (!build) return undefined;
    out[ref] = `build ${build}`;
  }
  return out;
}

interface BronzeState {
  rows: number;
  batch: number;
  unbatched: number;
  /** Rows of batches up to `upTo`, when asked. */
  upTo?: number;
}

async function bronzeState(engine: Engine, name: string, upTo?: number): Promise<BronzeState | undefined> {
  if (!(await columnTypes(engine, 'bronze', name)).has('_batch')) return undefined;
  const r = (await engine.query(`SELECT count(*)::DOUBLE AS n, coalesce(max(_batch), 0)::INTEGER AS b, count(*) FILTER (WHERE _batch IS NULL)::DOUBLE AS u
      ${upTo === undefined ? '' : `, count(*) FILTER (WHERE _batch <= ${upTo})::DOUBLE AS old`} FROM ${qualified('bronze', name)}`)).get(0)!;
  return { rows: Number(r.n), batch: Number(r.b), unbatched: Number(r.u), ...(upTo === undefined ? {} : { upTo: Number(r.old) }) };
}

/** The plan for `model` given its last record (see BuildPlan). `inputs` from inputStates. */
export async function planBuild(engine: Engine, model: Model, record: BuildRecord | undefined, inputs: Record<string, string> | undefined, merged: ReadonlyMap<string, string> = new Map()): Promise<BuildPlan> {
  if (!record || !inputs || !record.inputs || record.sql !== model.sql) return { kind: 'full' };
  // The tables the model writes must be as it left them (nobody dropped or refilled them).
  const rows = await outputRows(engine, model);
  if (rows !== record.rows) return { kind: 'full' };
  if (JSON.stringify(inputs) === JSON.stringify(record.inputs)) return { kind: 'unchanged', rows };
  const affected = affectedKeys(model, inputs, record.inputs, merged);
  if (affected) return { kind: 'keys', affected };
  // Merging is for a silver model whose own bronze table got rows; whatever else it reads
  // (silver.products reads the category translations) must be as it was.
  const own = `bronze.${model.name}`;
  if (model.layer !== 'silver' || model.reduces || model.key.length === 0 || !model.references.includes(own)) return { kind: 'full' };
  const before = record.inputs;
  if (model.references.some((r) => r !== own && inputs[r] !== before[r])) return { kind: 'full' };
  if (record.batch === undefined || record.bronzeRows === undefined) return { kind: 'full' };
  const b = await bronzeState(engine, model.name, record.batch);
  // Bronze only appends: the rows the model was built from are all still there, and no more.
  if (!b || b.unbatched > 0 || b.upTo !== record.bronzeRows || b.batch <= record.batch) return { kind: 'full' };
  return { kind: 'merge', afterBatch: record.batch };
}

/** silver.<name> or gold.<name>'s rows; for silver -1 unless its quarantine and duplicates exist too. */
async function outputRows(engine: Engine, model: Model): Promise<number> {
  const tables = model.layer === 'silver' ? ['silver', 'quarantine', 'duplicates'] : [model.layer];
  for (const layer of tables) if ((await columnTypes(engine, layer, model.name)).size === 0) return -1;
  return count(engine, `SELECT count(*) FROM ${qualified(model.layer, model.name)}`);
}

/** What a record of a silver model keeps of its bronze: rows and last batch. */
export async function bronzeRecord(engine: Engine, model: Model): Promise<{ bronzeRows?: number; batch?: number }> {
  if (model.layer !== 'silver') return {};
  const b = await bronzeState(engine, model.name);
  return b && b.unbatched === 0 ? { bronzeRows: b.rows, batch: b.batch } : {};
}
