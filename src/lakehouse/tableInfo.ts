import type { Engine } from '../engine/interface';
import { qualified, quoteLiteral } from '../engine/sql';
import { LAYERS, type Layer } from '../pipeline/layers';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableInfo {
  layer: Layer;
  name: string;
  rows: number;
  columns: ColumnInfo[];
}

/**
 * Every table of every layer with exact row counts and column types, in layer order.
 * Tables named `_…` are work in progress of a load (see DumpTable) and are left out.
 */
export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const layers = LAYERS.map(quoteLiteral).join(', ');
  const cols = await engine.query(
    `SELECT table_schema AS layer, table_name AS name, column_name, data_type
     FROM information_schema.columns WHERE table_schema IN (${layers}) AND NOT starts_with(table_name, '_')
     ORDER BY table_schema, table_name, ordinal_position`,
  );
  const tables = new Map<string, TableInfo>();
  for (const r of cols.toArray()) {
    const key = `${r.layer}.${r.name}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = { layer: r.layer as Layer, name: String(r.name), rows: 0, columns: [] }));
    t.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  if (tables.size === 0) return [];
  const counts = await engine.query(
    [...tables.values()]
      .map((t) => `SELECT ${quoteLiteral(`${t.layer}.${t.name}`)} AS k, count(*)::BIGINT AS n FROM ${qualified(t.layer, t.name)}`)
      .join(' UNION ALL '),
  );
  for (const r of counts.toArray()) tables.get(String(r.k))!.rows = Number(r.n);
  const order = (t: TableInfo) => LAYERS.indexOf(t.layer);
  return [...tables.values()].sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
}
