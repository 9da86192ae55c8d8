import { columnTypes } from '../engine/catalog';
import type { Engine } from '../engine/interface';
import { qualified } from '../engine/sql';
import { LOGICAL_SOURCES } from '../ingest/recogniseSource';
import { bundledLineage, type LineageFile } from './lineage/lineageFile';
import type { Model } from './model';

/**
 * A bronze table that lacks columns a model reads (a CSV exported without one, an empty
 * Mongo collection): the model cannot be built, and DuckDB would only say "Binder Error".
 * Issue #7 asks for the file and the column instead. The model is skipped with this
 * message, bronze stays loaded and queryable, and the models that read it are skipped too.
 */
export interface MissingColumns {
  table: string;
  columns: string[];
}

/**
 * The bronze columns a model reads that its bronze tables lack: the columns the model's
 * lineage traces to bronze (derived from its SQL) and the logical source's key columns,
 * those of them that the model's SQL names.
 */
export async function findMissingColumns(engine: Engine, model: Model, lineage: LineageFile = bundledLineage): Promise<MissingColumns[]> {
  const found: MissingColumns[] = [];
  for (const table of model.references.filter((r) => r.startsWith('bronze.'))) {
    const name = table.slice('bronze.'.length);
    const expected = new Set<string>(LOGICAL_SOURCES[name as keyof typeof LOGICAL_SOURCES] ?? []);
    for (const traced of Object.values(lineage.models[model.id] ?? {})) {
      for (const source of traced.bronze) if (source.table === table) expected.add(source.column);
    }
    const actual = await columnTypes(engine, 'bronze', name);
    if (actual.size === 0) continue; // not loaded: the runner says so
    // Only names the SQL spells out: the lineage is the shipped models', and an edited
    // model with the same id may read other columns.
    const missing = [...expected].filter((c) => !actual.has(c) && new RegExp(`\\b${c}\\b`).test(model.sql));
    if (missing.length) found.push({ table, columns: missing });
  }
  return found;
}

/** Which of the model's bronze tables lacks `column` (from a Binder Error). */
export async function tableLacking(engine: Engine, model: Model, column: string): Promise<MissingColumns | undefined> {
  for (const table of model.references.filter((r) => r.startsWith('bronze.'))) {
    const actual = await columnTypes(engine, 'bronze', table.slice('bronze.'.length));
    if (actual.size > 0 && !actual.has(column)) return { table, columns: [column] };
  }
  return undefined;
}

/**
 * The column a DuckDB Binder Error names, when it is a bronze column the model's table
 * lacks (a check the lineage could not foresee, e.g. a column read only in WHERE).
 */
export function binderMissingColumn(error: string): string | undefined {
  if (!/Binder Error/.test(error)) return undefined;
  return /Referenced column "([^"]+)" not found/.exec(error)?.[1] ?? /Column "([^"]+)" referenced that exists in the SELECT clause/.exec(error)?.[1];
}

/** Says which file(s) the table came from, what is missing, and what to do. */
export async function describeMissingColumns(engine: Engine, model: Model, missing: MissingColumns[], bronzeFiles: Record<string, string[]> = {}): Promise<string> {
  const parts: string[] = [];
  for (const m of missing) {
    const [schema, name] = m.table.split('.') as [string, string];
    const files = bronzeFiles[m.table]?.slice(0, 3) ?? await engine
      .query(`SELECT DISTINCT _source AS f FROM ${qualified(schema, name)} ORDER BY f LIMIT 3`)
      .then((t) => t.toArray().map((r) => String(r.f)))
      .catch(() => [] as string[]);
    const from = files.length ? ` (from ${files.join(', ')})` : ' (loaded empty)';
    parts.push(`${m.table}${from} has no column${m.columns.length > 1 ? 's' : ''} ${m.columns.join(', ')}`);
  }
  return (
    `${parts.join('; ')}, which ${model.id} reads, so ${model.id} was not built; bronze is loaded and can be queried. ` +
    'Export the file again with every column (empty values are fine), or add the missing column to its header, and load it again.'
  );
}
