import type { CatalogTable } from '../../lakehouse/catalog/catalog';

export interface CatalogMatch {
  table: CatalogTable;
  /** True when the table itself matches (name, description): all its columns are shown. */
  tableMatches: boolean;
  /** The columns shown: all when the table matches, else those whose name, type, description or PII tag match. */
  columns: CatalogTable['columns'];
}

/**
 * The tables and columns a search finds; every word must match (case-insensitive) the
 * table's `layer.name` or description, or a column's name, type, description or PII tag.
 * An empty search finds everything.
 */
export function searchCatalog(tables: CatalogTable[], query: string): CatalogMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return tables.map((table) => ({ table, tableMatches: true, columns: table.columns }));
  const has = (text: string) => words.every((w) => text.includes(w));
  const out: CatalogMatch[] = [];
  for (const table of tables) {
    const tableText = `${table.layer}.${table.name} ${table.description ?? ''}`.toLowerCase();
    if (has(tableText)) {
      out.push({ table, tableMatches: true, columns: table.columns });
      continue;
    }
    const columns = table.columns.filter((c) => has(`${tableText} ${c.name} ${c.type} ${c.description ?? ''} ${c.pii ? `pii ${c.pii}` : ''}`.toLowerCase()));
    if (columns.length) out.push({ table, tableMatches: false, columns });
  }
  return out;
}
