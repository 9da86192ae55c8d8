import type { Engine } from '../../engine/interface';
import { tableExists } from '../../engine/catalog';
import { qualified, quoteLiteral } from '../../engine/sql';

/** The bronze rows of one source that silver dropped as duplicates of one kind. */
export interface DuplicateGroup {
  /** The duplicates table (= the logical source): `orders`. */
  table: string;
  /** `exact` (the same values as the row silver kept) or `conflicting`. */
  kind: string;
  rows: number;
}

/** Every duplicates table's rows counted by kind, largest first. */
export async function duplicateGroups(engine: Engine): Promise<DuplicateGroup[]> {
  const tables = (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'duplicates' AND NOT starts_with(table_name, '_') ORDER BY table_name`))
    .toArray()
    .map((r) => String(r.table_name));
  if (tables.length === 0) return [];
  const parts = tables.map((t) => `SELECT ${quoteLiteral(t)} AS tbl, _kind AS kind, count(*)::BIGINT AS n FROM ${qualified('duplicates', t)} GROUP BY ALL`);
  const rows = await engine.query(`${parts.join(' UNION ALL ')} ORDER BY tbl, n DESC, kind`);
  return rows.toArray().map((r) => ({ table: String(r.tbl), kind: String(r.kind), rows: Number(r.n) }));
}

/**
 * Dropped duplicates of duplicates.<table> (of one kind when given), in source order, as
 * Arrow IPC bytes: the kind, the kept row silver holds instead (`_kept_source`, `_kept_row`),
 * then the dropped row as bronze has it. Throws a readable error when there is no such table.
 */
export async function duplicateRowsIPC(engine: Engine, table: string, kind?: string, limit = 100): Promise<Uint8Array> {
  if (!(await tableExists(engine, 'duplicates', table))) throw new Error(`There is no duplicates table ${table}.`);
  const where = kind === undefined ? '' : `WHERE _kind = ${quoteLiteral(kind)}`;
  // The few rows shown are chosen first, then fetched from bronze: a source can have a million duplicates.
  return engine.queryIPC(`WITH shown AS (
      SELECT * FROM ${qualified('duplicates', table)} ${where} ORDER BY _source, _row LIMIT ${Math.max(0, Math.floor(limit))})
    SELECT d._kind, d._kept_source, d._kept_row, b.*
    FROM shown AS d LEFT JOIN ${qualified('bronze', table)} AS b ON b._source = d._source AND b._row = d._row
    ORDER BY d._source, d._row`);
}
