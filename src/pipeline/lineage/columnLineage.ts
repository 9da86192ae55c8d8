import { evalFrom, type Env, type Node } from './fromClause';
import {
  LineageError,
  renameColumns,
  resolveColumn,
  sameSources,
  sortSources,
  unionSources,
  type Catalog,
  type Column,
  type ColumnSource,
  type Scope,
} from './scope';

export { LineageError, type Catalog, type ColumnSource } from './scope';

/** An output column of a model and the upstream table columns its expression reads. */
export interface LineageColumn {
  name: string;
  /** Sorted by table, then column; each once. */
  sources: ColumnSource[];
  /** True when `name` is a placeholder (an expression without an alias, a COLUMNS(…) expansion). */
  derivedName?: boolean;
}

/**
 * Column-level lineage of one SELECT statement, from DuckDB's parse tree
 * (`json_serialize_sql(sql)`, parsed): for each output column, the columns of tables
 * outside the statement (`silver.orders.order_id`, layer-qualified as written) that its
 * select expression reads. CTEs, subqueries in FROM, aliases, joins (USING, NATURAL), `*`
 * with EXCLUDE/REPLACE/RENAME and COLUMNS(…) are resolved through to those tables;
 * `catalog` gives a table's columns (for `*` and unqualified names).
 *
 * Only the select expression makes lineage: WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY and
 * join conditions do not. Everything inside the expression does: CASE conditions, window
 * PARTITION BY / ORDER BY, aggregate FILTER and ORDER BY, `#n` references, and the select
 * list of a scalar or IN subquery (not its WHERE; an EXISTS subquery adds nothing).
 * Throws LineageError for a reference it cannot resolve or a construct it does not know
 * (PIVOT, COLUMNS(lambda)).
 */
export function columnLineage(tree: unknown, catalog: Catalog): Record<string, ColumnSource[]> {
  return Object.fromEntries(lineageColumns(tree, catalog).map((c) => [c.name, c.sources]));
}

/** The same as `columnLineage`, as a list in output order (names may be placeholders). */
export function lineageColumns(tree: unknown, catalog: Catalog): LineageColumn[] {
  const root = tree as Node;
  if (!root || typeof root !== 'object') throw new LineageError('not a json_serialize_sql tree');
  if (root.error) throw new LineageError(`DuckDB could not parse the SQL: ${root.error_message}`);
  const statements = root.statements as Node[] | undefined;
  if (!Array.isArray(statements) || statements.length !== 1) {
    throw new LineageError(`expected one SELECT statement, got ${statements?.length ?? 'none'}`);
  }
  const env: Env = { ctes: new Map(), catalog, query: evalQuery, expression: sourcesOf };
  return evalQuery(statements[0].node, env).map((c) => ({
    name: c.name,
    sources: sortSources(c.sources),
    ...(c.derivedName ? { derivedName: true } : {}),
  }));
}

function evalQuery(node: Node, outer: Env): Column[] {
  const env = withCtes(node.cte_map?.map ?? [], outer);
  switch (node.type) {
    case 'SELECT_NODE':
      return evalSelect(node, env);
    case 'SET_OPERATION_NODE':
      return setOperation(node.setop_type, evalQuery(node.left, env), evalQuery(node.right, env));
    default:
      throw new LineageError(`unsupported query node ${node.type}`);
  }
}

/** `WITH a AS (…), b AS (… FROM a …)`: each CTE sees the ones before it (and itself if recursive). */
function withCtes(entries: Node[], outer: Env): Env {
  let env = outer;
  for (const { key, value } of entries) {
    const name = String(key).toLowerCase();
    const body = value.query.node as Node;
    const columns = body.type === 'RECURSIVE_CTE_NODE' ? recursiveCte(name, body, value.aliases, env) : renameColumns(evalQuery(body, env), value.aliases);
    env = { ...env, ctes: new Map(env.ctes).set(name, columns) };
  }
  return env;
}

/** The anchor's columns, plus what the recursive part adds, until nothing changes. */
function recursiveCte(name: string, body: Node, aliases: unknown, env: Env): Column[] {
  let columns = renameColumns(evalQuery(body.left, env), aliases);
  for (let i = 0; i < 100; i++) {
    const step = evalQuery(body.right, { ...env, ctes: new Map(env.ctes).set(name, columns) });
    const next = columns.map((c, j) => ({ ...c, sources: unionSources(c.sources, step[j]?.sources ?? []) }));
    if (next.every((c, j) => sameSources(c.sources, columns[j].sources))) return next;
    columns = next;
  }
  throw new LineageError(`recursive CTE ${name}: lineage does not settle`);
}

function setOperation(kind: string, left: Column[], right: Column[]): Column[] {
  if (kind === 'UNION') return left.map((c, i) => ({ ...c, sources: unionSources(c.sources, right[i]?.sources ?? []) }));
  if (kind === 'UNION_BY_NAME') {
    const out = left.map((c) => ({ ...c }));
    for (const r of right) {
      const match = out.find((c) => c.name.toLowerCase() === r.name.toLowerCase());
      if (match) match.sources = unionSources(match.sources, r.sources);
      else out.push({ ...r });
    }
    return out;
  }
  // EXCEPT and INTERSECT return the left side's rows.
  return left;
}

function evalSelect(node: Node, env: Env): Column[] {
  const scope: Scope = { from: evalFrom(node.from_table, env), aliases: [], parent: env.parent };
  const out: Column[] = [];
  for (const [index, expr] of (node.select_list as Node[]).entries()) {
    const columns = selectItem(expr, index, scope, env);
    out.push(...columns);
    scope.aliases.push(...columns);
  }
  return uniqueNames(out);
}

function selectItem(expr: Node, index: number, scope: Scope, env: Env): Column[] {
  if (expr.class === 'STAR') return expandStar(expr, scope, env).map(({ name, sources }) => ({ name, sources }));
  const nested = findStar(expr);
  if (nested) {
    // `max(COLUMNS(*))`: one output column per column the star stands for.
    const rest = sourcesOf(expr, scope, env, nested);
    return expandStar(nested, scope, env).map((c) => ({ name: c.name, sources: unionSources(c.sources, rest), derivedName: true }));
  }
  const sources = sourcesOf(expr, scope, env);
  if (expr.alias) return [{ name: expr.alias, sources }];
  if (expr.class === 'COLUMN_REF') return [{ name: expr.column_names.at(-1), sources }];
  return [{ name: `column${index}`, sources, derivedName: true }];
}

/** DuckDB names a repeated output column `id_1`, `id_2`, … */
function uniqueNames(columns: Column[]): Column[] {
  const taken = new Set<string>();
  return columns.map((c) => {
    let name = c.name;
    for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${c.name}_${i}`;
    taken.add(name.toLowerCase());
    return name === c.name ? c : { ...c, name };
  });
}

/** `*`, `t.*`, `COLUMNS(*)`, `COLUMNS('regex')`, `COLUMNS(['a', 'b'])` with EXCLUDE, REPLACE, RENAME. */
function expandStar(star: Node, scope: Scope, env: Env): Column[] {
  let columns: Column[];
  if (star.relation_name) {
    const name = String(star.relation_name).toLowerCase();
    const binding = scope.from.bindings.find((b) => b.name === name);
    if (!binding?.columns) throw new LineageError(`cannot expand ${star.relation_name}.*: ${binding ? 'its columns are unknown' : 'no such relation'}`);
    columns = binding.columns.map((c) => ({ ...c, relation: binding.name }));
  } else {
    if (!scope.from.star) throw new LineageError('cannot expand *: the columns of a relation are unknown (not in the catalog)');
    columns = scope.from.star;
  }
  if (star.columns && star.expr) columns = selectColumns(star.expr, columns);

  const lower = (s: unknown) => String(s).toLowerCase();
  const excluded = new Set(((star.exclude_list ?? []) as string[]).map(lower));
  const qualified = (star.qualified_exclude_list ?? []) as { table: string; column: string }[];
  columns = columns.filter(
    (c) => !excluded.has(lower(c.name)) && !qualified.some((q) => lower(q.column) === lower(c.name) && (!q.table || lower(q.table) === c.relation)),
  );
  const replace = (star.replace_list ?? []) as { key: string; value: Node }[];
  const rename = (star.rename_list ?? []) as { key: { table?: string; column: string }; value: string }[];
  return columns.map((c) => {
    const r = replace.find((x) => lower(x.key) === lower(c.name));
    const n = rename.find((x) => lower(x.key.column) === lower(c.name) && (!x.key.table || lower(x.key.table) === c.relation));
    return { ...c, name: n ? n.value : c.name, sources: r ? sourcesOf(r.value, scope, env) : c.sources };
  });
}

function selectColumns(expr: Node, columns: Column[]): Column[] {
  if (expr.class === 'CONSTANT' && typeof expr.value?.value === 'string') {
    const pattern = new RegExp(expr.value.value);
    return columns.filter((c) => pattern.test(c.name));
  }
  const items = expr.function_name === 'list_value' ? (expr.children as Node[]) : [];
  if (items.length > 0 && items.every((i) => i.class === 'CONSTANT' && typeof i.value?.value === 'string')) {
    return items.map(({ value }) => {
      const found = columns.find((c) => c.name.toLowerCase() === String(value.value).toLowerCase());
      if (!found) throw new LineageError(`COLUMNS: no column "${value.value}"`);
      return found;
    });
  }
  throw new LineageError('unsupported COLUMNS(…) argument: only *, a regular expression or a list of names');
}

/** The STAR node inside an expression (`max(COLUMNS(*))`), outside subqueries. */
function findStar(node: unknown): Node | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findStar(n);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Node;
  if (n.class === 'STAR') return n;
  if (n.class === 'SUBQUERY') return undefined;
  return findStar(Object.values(n));
}

/**
 * The upstream columns an expression reads: every column reference in it (lambda
 * parameters aside), and the select list of its scalar / IN subqueries. `skip` is a node
 * left out (the star of a COLUMNS(…) expansion).
 */
function sourcesOf(expr: Node, scope: Scope, env: Env, skip?: Node): ColumnSource[] {
  const found: ColumnSource[][] = [];
  const walk = (node: unknown, params: ReadonlySet<string>): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, params));
    if (!node || typeof node !== 'object' || node === skip) return;
    const n = node as Node;
    switch (n.class) {
      case 'COLUMN_REF': {
        const names = n.column_names as string[];
        if (names.length === 1 && params.has(names[0].toLowerCase())) return;
        found.push(resolveColumn(scope, names));
        return;
      }
      case 'POSITIONAL_REFERENCE': {
        const column = scope.from.star?.[Number(n.index) - 1];
        if (!column) throw new LineageError(`cannot resolve #${n.index}: no such column, or the columns are unknown`);
        found.push(column.sources);
        return;
      }
      case 'SUBQUERY':
        if (n.child) walk(n.child, params);
        if (n.subquery_type === 'EXISTS' || n.subquery_type === 'NOT_EXISTS') return;
        for (const c of evalQuery(n.subquery.node, { ...env, parent: scope })) found.push(c.sources);
        return;
      case 'LAMBDA': {
        const names = new Set(params);
        const collect = (x: unknown): void => {
          if (Array.isArray(x)) return x.forEach(collect);
          if (x && typeof x === 'object') {
            if ((x as Node).class === 'COLUMN_REF') names.add(String((x as Node).column_names.at(-1)).toLowerCase());
            else Object.values(x).forEach(collect);
          }
        };
        collect(n.lhs);
        return walk(n.expr, names);
      }
      case 'STAR':
        for (const c of expandStar(n, scope, env)) found.push(c.sources);
        return;
    }
    for (const v of Object.values(n)) walk(v, params);
  };
  walk(expr, new Set());
  return unionSources(...found);
}
