import { bundledLineage, type LineageFile } from '../../pipeline/lineage/lineageFile';

/** One column on the way from a model column back to the bronze columns it is computed from. */
export interface LineageNode {
  /** Layer-qualified: `gold.rfm`, `bronze.orders`. */
  table: string;
  column: string;
  /** The columns this one is computed from; empty for a bronze column, or a constant or count. */
  sources: LineageNode[];
  /** Bronze columns: the files the table was loaded from. */
  files?: string[];
}

/**
 * The whole path from `table.column` back to bronze: each model column's direct sources
 * (column lineage derived from the SQL), expanded until only bronze columns are left,
 * which carry the files they were loaded from. Undefined when lineage does not know the column.
 */
export function lineagePath(table: string, column: string, filesOf: (bronzeTable: string) => string[], file: LineageFile = bundledLineage): LineageNode | undefined {
  const find = (t: string, c: string) => {
    const columns = file.models[t];
    const name = columns && Object.keys(columns).find((k) => k.toLowerCase() === c.toLowerCase());
    return name === undefined ? undefined : { name, traced: columns![name]! };
  };
  const expand = (t: string, c: string, seen: Set<string>): LineageNode => {
    const found = find(t, c);
    if (!found) return t.startsWith('bronze.') ? { table: t, column: c, sources: [], files: filesOf(t.slice('bronze.'.length)) } : { table: t, column: c, sources: [] };
    const key = `${t}.${found.name}`;
    if (seen.has(key)) return { table: t, column: found.name, sources: [] };
    const inner = new Set(seen).add(key);
    return { table: t, column: found.name, sources: found.traced.direct.map((s) => expand(s.table, s.column, inner)) };
  };
  return find(table, column) ? expand(table, column, new Set()) : undefined;
}

/** The bronze columns at the ends of a path, each once, in order found. */
export function bronzeEnds(node: LineageNode): LineageNode[] {
  const out = new Map<string, LineageNode>();
  const walk = (n: LineageNode) => {
    if (n.table.startsWith('bronze.')) out.set(`${n.table}.${n.column}`, n);
    n.sources.forEach(walk);
  };
  walk(node);
  return [...out.values()];
}
