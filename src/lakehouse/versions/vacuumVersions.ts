import type { Engine } from '../../engine/interface';
import { historyTable, timestampLiteral, VERSIONS_SCHEMA } from './versionSchema';
import { latestVersion } from './versionLog';

export interface DatabaseSize {
  /** The database file (what the browser's storage or the disk holds). */
  fileBytes: number;
  /** The blocks in use (file minus free blocks): what DuckDB would still need. */
  usedBytes: number;
}

export interface VacuumResult {
  /** Versions older than this one can no longer be read, diffed or restored. */
  oldestKept: number;
  rowsRemoved: number;
  /** Estimated from each history table's bytes per row before the vacuum. */
  estimatedBytesFreed: number;
  /** Database sizes before the vacuum and after its CHECKPOINT (zero in memory). */
  before: DatabaseSize;
  after: DatabaseSize;
  milliseconds: number;
}

/** DuckDB's own numbers for the database (PRAGMA database_size). */
export async function databaseSize(engine: Engine): Promise<DatabaseSize> {
  const r = (await engine.query(`SELECT block_size::BIGINT AS b, total_blocks::BIGINT AS t, used_blocks::BIGINT AS u FROM pragma_database_size() WHERE database_name = current_database()`)).toArray()[0];
  const block = Number(r?.b ?? 0);
  return { fileBytes: block * Number(r?.t ?? 0), usedBytes: block * Number(r?.u ?? 0) };
}

/**
 * Retention: keeps the versions of the last `keepBatches` batches (and everything after
 * the first of them) and deletes the row versions no kept version can see. DuckDB reuses
 * the freed blocks for later writes; the file itself does not shrink, which the sizes
 * before and after the CHECKPOINT show.
 */
export async function vacuumVersions(engine: Engine, keepBatches: number): Promise<VacuumResult> {
  const started = performance.now();
  if (!Number.isInteger(keepBatches) || keepBatches < 1) throw new Error(`Keep at least 1 batch, got ${keepBatches}.`);
  const latest = await latestVersion(engine);
  if (latest === 0) throw new Error('This lakehouse has no versions to vacuum.');
  const first = await engine.query(
    `SELECT coalesce(min(version), ${latest})::INTEGER AS v FROM ${VERSIONS_SCHEMA}.commits
     WHERE batch IN (SELECT DISTINCT batch FROM ${VERSIONS_SCHEMA}.commits ORDER BY batch DESC LIMIT ${keepBatches})`,
  );
  const oldest = Number(first.toArray()[0]!.v);
  const before = await databaseSize(engine);
  const tables = (await engine.query(`SELECT DISTINCT layer, name FROM ${VERSIONS_SCHEMA}.changes ORDER BY ALL`)).toArray().map((r) => ({ layer: String(r.layer), name: String(r.name) }));
  // The row versions no kept version sees, per table, in one query.
  const counted = tables.length
    ? await engine.query(tables.map((t, i) => `SELECT ${i} AS i, count(*) FILTER (WHERE _v_to IS NOT NULL AND _v_to <= ${oldest})::BIGINT AS gone, count(*)::BIGINT AS total FROM ${historyTable(t.layer, t.name)}`).join(' UNION ALL '))
    : undefined;
  let rowsRemoved = 0;
  let bytesFreed = 0;
  for (const c of counted?.toArray() ?? []) {
    const gone = Number(c.gone);
    if (gone === 0) continue;
    const history = historyTable(tables[Number(c.i)]!.layer, tables[Number(c.i)]!.name);
    bytesFreed += gone * (await bytesPerRow(engine, history, Number(c.total)));
    rowsRemoved += gone;
    await engine.exec(`DELETE FROM ${history} WHERE _v_to IS NOT NULL AND _v_to <= ${oldest}`);
  }
  await engine.exec(`INSERT INTO ${VERSIONS_SCHEMA}.vacuumed VALUES (${oldest}, ${timestampLiteral(new Date())}, ${rowsRemoved}); CHECKPOINT`);
  const after = await databaseSize(engine);
  return { oldestKept: oldest, rowsRemoved, estimatedBytesFreed: Math.round(bytesFreed), before, after, milliseconds: Math.round(performance.now() - started) };
}

/** The history's in-memory bytes per row, from DuckDB's per-column estimate on a sample (cheap and engine-neutral). */
async function bytesPerRow(engine: Engine, history: string, total: number): Promise<number> {
  if (total === 0) return 0;
  const r = await engine.query(`SELECT sum(strlen(__r::VARCHAR))::DOUBLE / greatest(count(*), 1) AS b FROM (SELECT * FROM ${history} LIMIT 1000) __r`);
  return Number(r.toArray()[0]!.b);
}
