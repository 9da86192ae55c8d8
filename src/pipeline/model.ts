import type { ExpectationSpec } from './expectations/expectationSpec';
import { parseModelHeader } from './modelHeader';
import { tableReferences } from './tableReferences';

export type ModelLayer = 'silver' | 'gold';

/** A model: one SQL file that becomes one table (src/pipeline/models/README.md). */
export interface Model {
  /** `silver.orders` */
  id: string;
  layer: ModelLayer;
  name: string;
  path: string;
  sql: string;
  description: string;
  grain?: string;
  key: string[];
  /** Silver only: returns one row per key (plus quarantined rows); this column counts the good bronze rows behind each. */
  reduces?: string;
  /** `retries: N` in the header: a failing build is tried again up to N times (not when out of memory). */
  retries?: number;
  docs: string[];
  expectations: ExpectationSpec[];
  /** Gold only: `incremental:` and its `changed <table>:` lines (modelHeader.ts): rebuilt by key in a batch. */
  incremental?: { key: string[]; changed: Record<string, string> };
  /** Layer-qualified tables the SQL reads, derived from the SQL. */
  references: string[];
}

/** A model file as found: `silver/orders.sql` and its text. */
export interface ModelFile {
  path: string;
  sql: string;
}

export function parseModel(file: ModelFile): Model {
  const match = /(?:^|\/)(silver|gold)\/([a-z0-9_]+)\.sql$/.exec(file.path);
  if (!match) throw new Error(`${file.path}: a model file must be silver/<name>.sql or gold/<name>.sql`);
  const [, layer, name] = match as unknown as [string, ModelLayer, string];
  const header = parseModelHeader(file.path, file.sql);
  if (header.reduces && (layer !== 'silver' || header.key.length === 0)) {
    throw new Error(`${file.path}: reduces: is for silver models with a key`);
  }
  if (header.incremental && layer !== 'gold') throw new Error(`${file.path}: incremental: is for gold models (silver merges by its key)`);
  const id = `${layer}.${name}`;
  return {
    id,
    layer,
    name,
    path: file.path,
    sql: file.sql,
    ...header,
    references: tableReferences(file.sql).filter((t) => t !== id),
  };
}
