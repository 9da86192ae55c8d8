import { LineageError, sortSources, unionSources, type ColumnSource } from './scope';

/** Per model (`gold.rfm`), per output column in table order: the columns its expression reads. */
export type ModelLineage = Record<string, Record<string, ColumnSource[]>>;

export interface TracedColumn {
  /** The columns of other tables (bronze, silver, gold) the column's expression reads. */
  direct: ColumnSource[];
  /** The columns of tables no model builds (bronze) it ultimately comes from, through every model in between. */
  bronze: ColumnSource[];
}

/**
 * Composes the models' direct lineage: a source column that belongs to a model is replaced
 * by that column's own sources, until only tables no model builds are left (bronze in this
 * project). Both lists are sorted by table, then column. Throws LineageError when a model
 * reads a column another model does not have, or when models read each other in a cycle.
 */
export function traceToBronze(models: ModelLineage): Record<string, Record<string, TracedColumn>> {
  const done = new Map<string, ColumnSource[]>();
  const visiting = new Set<string>();

  const trace = (source: ColumnSource): ColumnSource[] => {
    const columns = models[source.table];
    if (!columns) return [source];
    const column = Object.keys(columns).find((c) => c.toLowerCase() === source.column.toLowerCase());
    if (column === undefined) throw new LineageError(`${source.table} has no column "${source.column}"`);
    const key = `${source.table}.${column}`;
    const known = done.get(key);
    if (known) return known;
    if (visiting.has(key)) throw new LineageError(`lineage cycle through ${key}`);
    visiting.add(key);
    const roots = unionSources(...columns[column].map(trace));
    visiting.delete(key);
    done.set(key, roots);
    return roots;
  };

  return Object.fromEntries(
    Object.entries(models).map(([model, columns]) => [
      model,
      Object.fromEntries(
        Object.entries(columns).map(([column, direct]) => [
          column,
          { direct: sortSources(direct), bronze: sortSources(unionSources(...direct.map(trace))) },
        ]),
      ),
    ]),
  );
}
