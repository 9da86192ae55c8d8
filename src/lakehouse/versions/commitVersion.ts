import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';
import { closeTable, commitTable, usableKey, type RowCounts } from './commitTable';
import { currentStates, loggedStates, tableId, type TableState } from './tableState';
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
}

export interface CommitOptions {
  kind: VersionKind;
  /** Key columns by `layer.table` (the models' `-- key:` headers); other tables diff by whole row. */
  keys?: ReadonlyMap<string, string[]>;
  restoredFrom?: number;
  at?: Date;
}

/**
 * Commits a new lakehouse version: every versioned table whose content, columns or key
 * changed since its last logged version gets a new table version (rows added, updated,
 * deleted), dropped tables are closed. Tables that did not change cost one hashed scan.
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
  const record = (t: TableState | { layer: string; name: string; rows: number; columns: []; fingerprint: string }, present: boolean, key: string[], c: RowCounts) => {
    tables.push({ layer: t.layer, name: t.name, rows: t.rows, present, ...c });
    log.push(`(${version}, ${quoteLiteral(t.layer)}, ${quoteLiteral(t.name)}, ${present}, ${t.rows}, ${c.added}, ${c.updated}, ${c.deleted}, ${quoteLiteral(t.fingerprint)}, ${quoteLiteral(JSON.stringify(t.columns))}, ${quoteLiteral(JSON.stringify(key))})`);
  };
  const now = await currentStates(engine);
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
  const present = new Set(now.map(tableId));
  for (const [id, before] of logged) {
    if (!before.present || present.has(id)) continue;
    const deleted = await closeTable(engine, before.layer, before.name, version);
    record({ layer: before.layer, name: before.name, rows: 0, columns: [], fingerprint: '' }, false, [], { added: 0, updated: 0, deleted });
  }
  if (log.length) await engine.exec(`INSERT INTO ${VERSIONS_SCHEMA}.changes VALUES ${log.join(', ')}`);
  await engine.exec(`INSERT INTO ${VERSIONS_SCHEMA}.commits VALUES (${version}, ${timestampLiteral(at)}, ${batch}, ${quoteLiteral(options.kind)}, ${options.restoredFrom ?? 'NULL'})`);
  return { version, batch, kind: options.kind, committedAt: at.toISOString(), restoredFrom: options.restoredFrom, tables, milliseconds: Math.round(performance.now() - started) };
}
