import {
  findInFrom,
  LineageError,
  renameColumns,
  unionSources,
  type Binding,
  type Catalog,
  type Column,
  type ColumnSource,
  type From,
  type Scope,
} from './scope';

/** A node of DuckDB's json_serialize_sql tree (untyped JSON, read field by field). */
export type Node = Record<string, any>;

/** What a query is evaluated in: the CTEs in scope, the catalog and the enclosing scope. */
export interface Env {
  ctes: Map<string, Column[]>;
  catalog: Catalog;
  /** The enclosing query's scope: correlated subqueries; for a FROM item, also LATERAL. */
  parent?: Scope;
  /** The output columns of a query node (SELECT_NODE, SET_OPERATION_NODE). */
  query(node: Node, env: Env): Column[];
  /** The upstream columns an expression reads. */
  expression(expr: Node, scope: Scope, env: Env): ColumnSource[];
}

const lower = (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : '');

/** The relations of a FROM clause (json_serialize_sql's `from_table`). */
export function evalFrom(ref: Node, env: Env): From {
  switch (ref.type) {
    case 'EMPTY':
      return { bindings: [], star: [], using: new Map() };
    case 'BASE_TABLE':
      return single(baseTable(ref, env));
    case 'SUBQUERY':
      return single({ name: lower(ref.alias), columns: renameColumns(env.query(ref.subquery.node, env), ref.column_name_alias) });
    case 'EXPRESSION_LIST':
      return single({ name: lower(ref.alias) || 'valueslist', columns: renameColumns(valuesColumns(ref, env), ref.column_name_alias) });
    case 'TABLE_FUNCTION':
      return single(tableFunction(ref, env));
    case 'JOIN':
      return join(ref, env);
    default:
      throw new LineageError(`unsupported FROM item ${ref.type}`);
  }
}

function single(binding: Binding): From {
  const star = binding.columns?.map((c) => ({ ...c, relation: binding.name }));
  return { bindings: [binding], star, using: new Map() };
}

function baseTable(ref: Node, env: Env): Binding {
  const schema = lower(ref.schema_name);
  const table = lower(ref.table_name);
  const alias = lower(ref.alias);
  const cte = schema ? undefined : env.ctes.get(table);
  if (cte) return { name: alias || table, columns: renameColumns(cte, ref.column_name_alias) };
  const id = schema ? `${schema}.${table}` : table;
  const known = env.catalog(id);
  const columns = known && renameColumns(known.map((column) => ({ name: column, sources: [{ table: id, column }] })), ref.column_name_alias);
  return { name: alias || table, qualifiedName: alias ? undefined : id, table: id, columns };
}

/** `VALUES (…), (…)`: columns col0, col1, … computed from each row's expressions. */
function valuesColumns(ref: Node, env: Env): Column[] {
  const rows = ref.values as Node[][];
  const scope: Scope = { from: evalFrom({ type: 'EMPTY' }, env), aliases: [], parent: env.parent };
  return (rows[0] ?? []).map((_, i) => ({
    name: `col${i}`,
    sources: unionSources(...rows.map((row) => env.expression(row[i], scope, env))),
  }));
}

/** `range(3) AS g(i)`, `unnest(o.items)`: every column comes from the arguments. */
function tableFunction(ref: Node, env: Env): Binding {
  const scope: Scope = { from: evalFrom({ type: 'EMPTY' }, env), aliases: [], parent: env.parent };
  const sources = env.expression(ref.function, scope, env);
  const names = (ref.column_name_alias ?? []) as string[];
  const name = lower(ref.alias) || lower(ref.function.function_name);
  if (names.length === 0) return { name, opaqueSources: sources };
  return { name, columns: names.map((n) => ({ name: n, sources })) };
}

/**
 * A join: both sides' relations. `USING (k)` and NATURAL merge `k` into one column that
 * `SELECT *` lists once, in the left side's position; its value is the left side's (the
 * right's for RIGHT JOIN, either for FULL JOIN), as DuckDB binds it.
 */
function join(ref: Node, env: Env): From {
  const left = evalFrom(ref.left, env);
  // LATERAL: the right side may refer to the left side's columns.
  const right = evalFrom(ref.right, { ...env, parent: { from: left, aliases: [], parent: env.parent } });
  if (ref.join_type === 'SEMI' || ref.join_type === 'ANTI') return left;

  let usingNames = ((ref.using_columns ?? []) as string[]).map(lower);
  if (ref.ref_type === 'NATURAL') {
    if (!left.star || !right.star) throw new LineageError('NATURAL JOIN on a relation whose columns are unknown');
    const rightNames = new Set(right.star.map((c) => c.name.toLowerCase()));
    usingNames = left.star.map((c) => c.name.toLowerCase()).filter((n) => rightNames.has(n));
  }
  const using = new Map([...left.using, ...right.using]);
  for (const name of usingNames) {
    const l = findInFrom(left, name) ?? unknownSide(left, name);
    const r = findInFrom(right, name) ?? unknownSide(right, name);
    const sources = ref.join_type === 'RIGHT' ? r : ref.join_type === 'FULL' || ref.join_type === 'OUTER' ? unionSources(l, r) : l;
    const written = left.star?.find((c) => c.name.toLowerCase() === name)?.name ?? name;
    using.set(name, { name: written, sources });
  }
  const merged = new Set(usingNames);
  const star =
    left.star && right.star
      ? [
          ...left.star.map((c) => (merged.has(c.name.toLowerCase()) ? { ...c, sources: using.get(c.name.toLowerCase())!.sources } : c)),
          ...right.star.filter((c) => !merged.has(c.name.toLowerCase())),
        ]
      : undefined;
  return { bindings: [...left.bindings, ...right.bindings], star, using };
}

/** A USING column of a side whose columns are unknown: its only relation must have it. */
function unknownSide(from: From, name: string): ColumnSource[] {
  const unknown = from.bindings.filter((b) => !b.columns);
  if (unknown.length !== 1) throw new LineageError(`USING column "${name}" not found`);
  const b = unknown[0];
  return b.table ? [{ table: b.table, column: name }] : (b.opaqueSources ?? []);
}
