import type { Engine } from '../../engine/interface';
import { quoteIdent } from '../../engine/sql';
import { VERSIONS_SCHEMA, type VersionKind } from './versionSchema';

/**
 * The batch a version belongs to. Where the lakehouse records its batches (`meta.batches`),
 * its latest id; otherwise our own count: a load and its run is the next batch, a re-run
 * or a rollback belongs to the batch before it.
 */
export async function currentBatch(engine: Engine, kind: VersionKind): Promise<number> {
  const cols = await engine.query(
    `SELECT column_name AS name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = 'batches' ORDER BY column_index`,
  );
  const names = cols.toArray().map((r) => String(r.name));
  if (names.length > 0) {
    const id = ['batch', 'batch_id', 'id'].find((n) => names.includes(n)) ?? names[0]!;
    const r = await engine.query(`SELECT max(${quoteIdent(id)})::INTEGER AS b FROM meta.batches`);
    const b = r.toArray()[0]?.b;
    if (b !== null && b !== undefined) return Number(b);
  }
  const r = await engine.query(`SELECT coalesce(max(batch), 0)::INTEGER AS b FROM ${VERSIONS_SCHEMA}.commits`);
  const last = Number(r.toArray()[0]!.b);
  return kind === 'batch' ? last + 1 : Math.max(last, 1);
}
