import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';
import { closeTable, commitRebuilt, commitTable, usableKey, type RowCounts } from './commitTable';
import { currentColumns, fingerprints, loggedStates, tableId, type LoggedState, type TableColumns, type TableState } from './tableState';
import { commitAppended, commitMergedKeys, type KnownCommit } from './commitKnown';
import { knownChanges, rememberCommittedBuilds, type KnownChanges } from './knownChanges';
import { ensureVersionSchema, timestampLiteral, VERSIONS_SCHEMA, type VersionKind } from './versionSchema';
import { currentBatch } from './currentBatch';

/** One table a version changed. */
export interface TableChange extends RowCounts {
  layer: string;
  name: string;
  /** Its rows in this version (0 when it was dropped). */
  rows: number;
  present: boolean;
}

export interface CommittedVersion {
  version: number;
  batch: number;
  kind: VersionKind;
  committedAt: string;
  restoredFrom?: number;
  tables: TableChange[];
  /** The whole commit: fingerprints of every table, diffs of the changed ones. */
  milliseconds: number;
  /** The tables committed from what the run knew (knownChanges.ts), neither fingerprinted nor diffed whole. */
  fromRun: string[];
  /** The tables the run rebuilt other than by key, hashed once for the fingerprint, key check and diff (commitTable.ts's commitRebuilt). */
  rebuilt: string[];
}

export interface CommitOptions {
  kind: VersionKind;
  /** Key columns by `layer.table` (the models' `-- key:` headers); other tables diff by whole row. */
  keys?: ReadonlyMap<string, string[]>;
  restoredFrom?: number;
  at?: Date;
  /**
   * Right after an incremental run: take what changed from what the run knows
   * (knownChanges.ts) instead of reading every table. The log is the same either way.
   */
  afterRun?: boolean;
}

/**
 * Commits a new lakehouse version: every versioned table whose content, columns or key
 * changed since its last logged version gets a new table version (rows added, updated,
 * deleted), dropped tables are closed. Tables that did not change cost one hashed scan;
 * after an incremental run (`afterRun`), the tables the run vouches for cost none, and
 * those it appended to or merged by key are diffed on those rows only (commitKnown.ts).
 */
export async function commitVersion(engine: Engine, options: CommitOptions): Promise<CommittedVersion> {
  const started = performance.now();
  await ensureVersionSchema(engine);
  const at = options.at ?? new Date();
  const last = await engine.query(`SELECT coalesce(max(version), 0)::INTEGER AS v FROM ${VERSIONS_SCHEMA}.commits`);
  const version = Number(last.toArray()[0]!.v) + 1;
  const batch = await currentBatch(engine, options.kind);
  const logged = await loggedStates(engine);
  const tables: TableChange[] = [];
  const log: string[] = [];
  const record = (t: Pick<TableState, 'layer' | 'name' | 'rows' | 'columns' | 'fingerprint'>, present: boolean, key: string[], c: RowCounts) => {
    tables.push({ layer: t.layer, name: t.name, rows: t.rows, present, ...c });
    log.push(`(${version}, ${quoteLiteral(t.layer)}, ${quoteLiteral(t.name)}, ${present}, ${t.rows}, ${c.added}, ${c.updated}, ${c.deleted}, ${quoteLiteral(t.fingerprint)}, ${quoteLiteral(JSON.stringify(t.columns))}, ${quoteLiteral(JSON.stringify(key))})`);
  };
  const all = await currentColumns(engine);
  const known = options.afterRun ? await knownChanges(engine) : undefined;
  const rest: TableColumns[] = [];
  const fromRun: string[] = [];
  const rebuilt: string[] = [];
  for (const t of all) {
    const before = logged.get(tableId(t));
    const declared = options.keys?.get(tableId(t)) ?? [];
    if (known?.rebuilt.has(tableId(t)) && before?.present) {
      // Rebuilt by the run: hashed once, not fingerprinted first (commitTable.ts).
      const done = await commitRebuilt(engine, t, before, declared, version);
      rebuilt.push(tableId(t));
      if (done) record(done.state, true, done.key, done.counts);
      continue;
    }
    const done = known && (await commitFromKnown(engine, t, before, declared, known, version));
    if (done === undefined) rest.push(t);
    else fromRun.push(tableId(t));
    if (done) record(done.state, true, done.state.key, done.counts);
  }
  const now = await fingerprints(engine, rest);
  for (const t of now) {
    const before = logged.get(tableId(t));
    const declared = options.keys?.get(tableId(t)) ?? [];
    const sameContent = before?.present && before.fingerprint === t.fingerprint && before.rows === t.rows && JSON.stringify(before.columns) === JSON.stringify(t.columns);
    // Unchanged content under the same declared key needs no look at the key either.
    if (sameContent && JSON.stringify(before.key) === JSON.stringify(declared)) continue;
    const key = await usableKey(engine, t, declared);
    if (sameContent && JSON.stringify(before.key) === JSON.stringify(key)) continue;
    // A table dropped and made again continues its history; the old rows were closed when it was dropped.
    const counts = await commitTable(engine, t, key, version, before && before.columns);
    record(t, true, key, counts);
  }
  // In the catalog's order (layer, name), whichever way each table was committed.
  const order = new Map(all.map((t, i) => [tableId(t), i]));
  const sorted = tables.map((t, i) => ({ t, line: log[i]!, at: order.get(tableId(t))! })).sort((a, b) => a.at - b.at);
  tables.splice(0, tables.length, ...sorted.map((s) => s.t));
  log.splice(0, log.length, ...sorted.map((s) => s.line));
  const present = new Set(all.map(tableId));
  for (const [id, before] of logged) {
    if (!before.present || present.has(id)) continue;
    const deleted = await closeTable(engine, before.layer, before.name, version);
    record({ layer: before.layer, name: before.name, rows: 0, columns: [], fingerprint: '' }, false, [], { added: 0, updated: 0, deleted });
  }
  if (log.length) await engine.exec(`INSERT INTO ${VERSIONS_SCHEMA}.changes VALUES ${log.join(', ')}`);
  await engine.exec(`INSERT INTO ${VERSIONS_SCHEMA}.commits VALUES (${version}, ${timestampLiteral(at)}, ${batch}, ${quoteLiteral(options.kind)}, ${options.restoredFrom ?? 'NULL'})`);
  await rememberCommittedBuilds(engine);
  return { version, batch, kind: options.kind, committedAt: at.toISOString(), restoredFrom: options.restoredFrom, tables, milliseconds: Math.round(performance.now() - started), fromRun, rebuilt };
}

/**
 * One table committed from what the run knows: null when it did not change (nothing to
 * log), the new state and counts when it did, undefined when the knowledge does not cover
 * it (its columns or key changed, it is new, or it is not as assumed): then it is diffed whole.
 */
async function commitFromKnown(engine: Engine, t: TableColumns, before: LoggedState | undefined, declared: string[], known: KnownChanges, version: number): Promise<{ state: LoggedState; counts: RowCounts } | null | undefined> {
  const id = tableId(t);
  if (!before?.present || JSON.stringify(before.columns) !== JSON.stringify(t.columns) || JSON.stringify(before.key) !== JSON.stringify(declared)) return undefined;
  if (known.unchanged.has(id)) return null;
  let done: KnownCommit | undefined;
  if (t.layer === 'bronze') done = await commitAppended(engine, before, known.appendedAfter, version);
  else if (known.mergedKeys.has(id)) done = await commitMergedKeys(engine, before, known.mergedKeys.get(id)!, version);
  if (!done) return undefined;
  if (done.added + done.updated + done.deleted === 0) return null;
  const { rows, fingerprint, ...counts } = done;
  return { state: { ...before, rows, fingerprint }, counts };
}
