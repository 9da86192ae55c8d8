import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import type { Model } from '../model';
import { count } from '../silverBalance';
import { changedKeysTable, keepChangedKeys, removedRowsTable } from './mergedKeys';
import { replaceTableReference } from './replaceReference';

/**
 * A gold model declaring `incremental: <key>` (src/pipeline/models/README.md) brought up
 * to date by key: the keys its `changed <table>:` lines name from what changed in each
 * table it reads are deleted and selected again by the model's own SELECT, filtered to
 * them. Equal to a full rebuild when, as the header promises, a key's rows depend only on
 * rows those lines map to it. The affected keys are kept for the gold models after it and
 * the version commit (mergedKeys.ts), and so are the rows it deleted (what those keys held
 * before: `changed.removed` for the models after it, which can name keys the new rows no longer
 * have, as the customer an order moved away from). Returns the model's rows.
 */
export async function rebuildKeys(engine: Engine, model: Model, affected: string): Promise<number> {
  const key = model.incremental!.key;
  const target = qualified('gold', model.name);
  const cols = key.map(quoteIdent).join(', ');
  const tuple = key.length === 1 ? cols : `(${cols})`;
  const types = await columnTypes(engine, 'gold', model.name);
  const typed = key.map((k) => `${quoteIdent(k)}::${types.get(k)} AS ${quoteIdent(k)}`).join(', ');
  await keepChangedKeys(engine, model.id, `SELECT DISTINCT ${typed} FROM (${affected}) AS __a`, `hash(${cols})`);
  const keys = `SELECT ${cols} FROM ${changedKeysTable(model.id)}`;
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${removedRowsTable(model.id)} AS SELECT * FROM ${target} WHERE ${tuple} IN (${keys});
    DELETE FROM ${target} WHERE ${tuple} IN (${keys});
    INSERT INTO ${target} SELECT * FROM (${model.sql}\n) AS __m WHERE ${tuple} IN (${keys})`);
  return count(engine, `SELECT count(*) FROM ${target}`);
}

/**
 * The SELECT of the keys of gold `model` a run must rebuild, given which tables it reads
 * changed (`inputs` against its record's `before`) and the merges of this run (`merged`:
 * model → the build it merged on top of). Undefined when one changed table is not covered:
 * no `changed` line for it, or it was not merged from the build the model last read.
 */
export function affectedKeys(model: Model, inputs: Record<string, string>, before: Record<string, string>, merged: ReadonlyMap<string, string>): string | undefined {
  if (model.layer !== 'gold' || !model.incremental) return undefined;
  const parts: string[] = [];
  for (const ref of model.references) {
    if (inputs[ref] === before[ref]) continue;
    const sql = model.incremental.changed[ref];
    const from = merged.get(ref);
    if (!sql || from === undefined || before[ref] !== `build ${from}`) return undefined;
    const keyed = replaceTableReference(sql, 'changed', 'keys', changedKeysTable(ref));
    // A gold input rebuilt by key also left the rows it deleted; a silver merge leaves none.
    parts.push(ref.startsWith('gold.') ? replaceTableReference(keyed, 'changed', 'removed', removedRowsTable(ref)) : keyed);
  }
  const key = model.incremental.key;
  return parts.length ? parts.map((p) => `SELECT ${key.map(quoteIdent).join(', ')} FROM (${p})`).join('\nUNION ALL\n') : undefined;
}
