import lineage from '../models/lineage.json';
import type { ColumnSource } from './scope';
import type { TracedColumn } from './traceToBronze';

export type { ColumnSource } from './scope';
export type { TracedColumn } from './traceToBronze';

/**
 * src/pipeline/models/lineage.json: column-level lineage of the shipped models, generated
 * with native DuckDB's parser (`npm run lineage`; DuckDB-WASM offline has no
 * json_serialize_sql) and bundled for the browser. A test fails when it is stale.
 */
export interface LineageFile {
  /** How the file was made; not data. */
  comment: string;
  /** Per model id (`gold.rfm`), sorted; per output column, in the table's column order. */
  models: Record<string, Record<string, TracedColumn>>;
}

/** The lineage of the shipped models, as bundled. */
export const bundledLineage: LineageFile = lineage;

/** Where one column of a model comes from, or undefined when the model or column is not there. */
export function lineageOf(model: string, column: string, file: LineageFile = bundledLineage): TracedColumn | undefined {
  return file.models[model]?.[column];
}

/** The model columns computed from `source`, directly or through other models, in order found. */
export function downstreamOf(source: ColumnSource, file: LineageFile = bundledLineage): ColumnSource[] {
  const key = (s: ColumnSource) => `${s.table}\u0000${s.column}`;
  const found = new Map<string, ColumnSource>();
  const queue = [source];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const [model, columns] of Object.entries(file.models)) {
      for (const [column, traced] of Object.entries(columns)) {
        const reader = { table: model, column };
        if (found.has(key(reader)) || !traced.direct.some((s) => key(s) === key(next!))) continue;
        found.set(key(reader), reader);
        queue.push(reader);
      }
    }
  }
  return [...found.values()];
}
