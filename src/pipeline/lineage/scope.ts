/**
 * What a column reference can see while column lineage is derived (see columnLineage.ts):
 * the relations of the FROM clause, the select-list aliases defined so far, and the
 * enclosing query's scope (correlated subqueries, LATERAL).
 */

/** A column of a table that is not defined inside the model: `silver.orders.order_id`. */
export interface ColumnSource {
  /** Layer-qualified (`bronze.orders`, `silver.orders`); as written when unqualified. */
  table: string;
  column: string;
}

/** An output column of a query, CTE or FROM item, and the upstream columns it is computed from. */
export interface Column {
  name: string;
  sources: ColumnSource[];
  /** The FROM binding it came from (for `* EXCLUDE (t.col)`). */
  relation?: string;
  /** True when `name` is a placeholder: an expression without an alias. */
  derivedName?: boolean;
}

/** One relation of a FROM clause: a table, CTE, subquery, VALUES list or table function. */
export interface Binding {
  /** Lower-case alias, or the table or CTE name when there is none. */
  name: string;
  /** `silver.orders` for an un-aliased base table, so `silver.orders.order_id` resolves. */
  qualifiedName?: string;
  /** For a base table: its id, so columns resolve even when the catalog does not know it. */
  table?: string;
  /** Undefined when not known (base table missing from the catalog, table function). */
  columns?: Column[];
  /** For a relation whose columns are unknown and is not a table: what every column comes from. */
  opaqueSources?: ColumnSource[];
}

export interface From {
  bindings: Binding[];
  /** What `SELECT *` gives, in order; undefined when a relation's columns are unknown. */
  star?: Column[];
  /** Columns merged by `JOIN … USING` / NATURAL JOIN, by lower-case name. */
  using: Map<string, Column>;
}

export interface Scope {
  from: From;
  /** Select-list columns defined so far (DuckDB lets later expressions use an alias). */
  aliases: Column[];
  parent?: Scope;
}

/** The columns of a table outside the model (`silver.orders`), or undefined if unknown. */
export type Catalog = (table: string) => string[] | undefined;

export class LineageError extends Error {
  override name = 'LineageError';
}

const key = (s: ColumnSource) => `${s.table}\u0000${s.column}`;

/** The sources of all lists, each once, in order of first appearance. */
export function unionSources(...lists: ColumnSource[][]): ColumnSource[] {
  const seen = new Map<string, ColumnSource>();
  for (const list of lists) for (const s of list) if (!seen.has(key(s))) seen.set(key(s), s);
  return [...seen.values()];
}

export function sortSources(sources: ColumnSource[]): ColumnSource[] {
  return [...sources].sort((a, b) => (a.table === b.table ? cmp(a.column, b.column) : cmp(a.table, b.table)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sameSources(a: ColumnSource[], b: ColumnSource[]): boolean {
  const keys = new Set(a.map(key));
  return a.length === b.length && b.every((s) => keys.has(key(s)));
}

/** A binding's column `name` (lower-case), or undefined when the binding has no such column. */
export function columnOf(binding: Binding, name: string, written = name): ColumnSource[] | undefined {
  if (binding.columns) return binding.columns.find((c) => c.name.toLowerCase() === name)?.sources;
  if (binding.table) return [{ table: binding.table, column: written }];
  return binding.opaqueSources ?? [];
}

/** An unqualified column in one FROM clause, or undefined when none of its relations has it. */
export function findInFrom(from: From, name: string, written = name): ColumnSource[] | undefined {
  const merged = from.using.get(name);
  if (merged) return merged.sources;
  const known = from.bindings.filter((b) => b.columns?.some((c) => c.name.toLowerCase() === name));
  if (known.length > 1) throw new LineageError(`column "${written}" is ambiguous: ${known.map((b) => b.name).join(', ')}`);
  if (known.length === 1) return columnOf(known[0], name);
  return undefined;
}

/** The single relation with unknown columns a column may come from (no catalog entry). */
function guessUnknown(from: From, name: string, written: string): ColumnSource[] | undefined {
  const unknown = from.bindings.filter((b) => !b.columns);
  if (unknown.length > 1) {
    throw new LineageError(`cannot tell which of ${unknown.map((b) => b.table ?? b.name).join(', ')} has column "${written}": their columns are unknown`);
  }
  return unknown.length === 1 ? columnOf(unknown[0], name, written) : undefined;
}

/**
 * The upstream columns a column reference (`o.order_id`, `order_id`, `silver.orders.order_id`,
 * `struct_col.field`) stands for. Qualified names are tried first, in this scope and then
 * the enclosing ones; then the first name as a column (the rest are struct fields).
 */
export function resolveColumn(scope: Scope | undefined, written: string[]): ColumnSource[] {
  const names = written.map((n) => n.toLowerCase());
  for (let s = scope; s && names.length >= 2; s = s.parent) {
    const found = qualified(s.from, names, written);
    if (found) return found;
  }
  for (let s = scope; s; s = s.parent) {
    const found =
      findInFrom(s.from, names[0], written[0]) ??
      s.aliases.find((c) => c.name.toLowerCase() === names[0])?.sources ??
      guessUnknown(s.from, names[0], written[0]);
    if (found) return found;
  }
  throw new LineageError(`cannot resolve column "${written.join('.')}"`);
}

function qualified(from: From, names: string[], written: string[]): ColumnSource[] | undefined {
  if (names.length >= 3) {
    const table = from.bindings.find((b) => b.qualifiedName === `${names[0]}.${names[1]}`);
    const found = table && columnOf(table, names[2], written[2]);
    if (found) return found;
  }
  const binding = from.bindings.find((b) => b.name === names[0]);
  return binding && columnOf(binding, names[1], written[1]);
}

/** Columns renamed positionally by `AS x(a, b)`: the first ones get the new names. */
export function renameColumns(columns: Column[], aliases: unknown): Column[] {
  const names = Array.isArray(aliases) ? (aliases as string[]) : [];
  if (names.length > columns.length) throw new LineageError(`${names.length} column aliases for ${columns.length} columns`);
  return columns.map((c, i) => (i < names.length ? { ...c, name: names[i], derivedName: false } : c));
}
