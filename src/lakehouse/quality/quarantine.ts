import type { Engine } from '../../engine/interface';
import { columnTypes } from '../../engine/catalog';
import { qualified, quoteLiteral } from '../../engine/sql';

/** Rows of one quarantine table set aside for one kind of reason at one stage. */
export interface QuarantineGroup {
  /** The quarantine table (= the logical source): `orders`. */
  table: string;
  /** `ingest` (the loader could not read the row) or `silver` (it broke a hard rule). */
  stage: string;
  /** The reason up to its first ": " — the rest names the value (`price is negative: -3`). */
  kind: string;
  rows: number;
}

/** A reason's kind, in SQL: what `QuarantineGroup.kind` groups by. */
const KIND = `coalesce(nullif(split_part(_reason, ': ', 1), ''), 'no reason recorded')`;

/** Every quarantine table's rows counted by stage and kind of reason, largest first. */
export async function quarantineGroups(engine: Engine): Promise<QuarantineGroup[]> {
  const tables = (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'quarantine' AND NOT starts_with(table_name, '_') ORDER BY table_name`))
    .toArray()
    .map((r) => String(r.table_name));
  const parts: string[] = [];
  for (const table of tables) {
    const from = await reasonSource(engine, table);
    if (from) parts.push(`SELECT ${quoteLiteral(table)} AS tbl, _stage AS stage, ${KIND} AS kind, count(*)::BIGINT AS n FROM ${from} GROUP BY ALL`);
  }
  if (parts.length === 0) return [];
  const rows = await engine.query(`${parts.join(' UNION ALL ')} ORDER BY tbl, n DESC, kind`);
  return rows.toArray().map((r) => ({ table: String(r.tbl), stage: String(r.stage), kind: String(r.kind), rows: Number(r.n) }));
}

/**
 * The rows of quarantine.<table> (of one kind of reason when given), `_reason` first, in
 * source order, as Arrow IPC bytes. Throws a readable error when there is no such table.
 */
export async function quarantineRowsIPC(engine: Engine, table: string, kind?: string, limit = 100): Promise<Uint8Array> {
  const from = await reasonSource(engine, table);
  if (!from) throw new Error(`There is no quarantine table ${table}.`);
  const where = kind === undefined ? '' : `WHERE ${KIND} = ${quoteLiteral(kind)}`;
  const names = await columnTypes(engine, 'quarantine', table);
  const order = ['_source', '_line', '_row'].filter((c) => names.has(c)).join(', ');
  return engine.queryIPC(`SELECT _reason, _stage, * EXCLUDE (_reason, _stage) FROM ${from} ${where} ${order ? `ORDER BY ${order}` : ''} LIMIT ${Math.max(0, Math.floor(limit))}`);
}

/** The table as a subquery that always has `_reason` and `_stage`; undefined when it does not exist. */
async function reasonSource(engine: Engine, table: string): Promise<string | undefined> {
  const names = await columnTypes(engine, 'quarantine', table);
  if (names.size === 0) return undefined;
  const add = [names.has('_reason') ? '' : 'NULL::VARCHAR AS _reason', names.has('_stage') ? '' : `'ingest' AS _stage`].filter(Boolean);
  return `(SELECT *${add.length ? `, ${add.join(', ')}` : ''} FROM ${qualified('quarantine', table)})`;
}
