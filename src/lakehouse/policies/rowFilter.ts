import sqlParser from 'node-sql-parser/build/postgresql.js';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { SCOPE_COLUMNS } from './scope';

/**
 * An audience's row filter, parsed once: a boolean SQL condition over the scope's columns
 * (scope.ts) in which `:name` stands for a bound parameter. The condition is parsed by
 * node-sql-parser and printed back by `bind` from its syntax tree, node by node, with only
 * the node kinds below allowed: comparisons, AND/OR/NOT, IN lists, BETWEEN, LIKE, IS
 * [NOT] NULL, literals, scope columns and a few string functions. Literals (the policy's
 * and the parameter values) are re-quoted by us: no text of the policy or of a value is
 * ever pasted into SQL (node-sql-parser's own printer does not escape quotes).
 */
export interface RowFilter {
  /** The parameters the condition uses, in order of first use. */
  parameters: string[];
  /** The condition as DuckDB SQL with `values` bound as literals; throws when one is missing. */
  bind(values: Record<string, string>): string;
}

type AstNode = { type: string; [key: string]: unknown };

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', 'LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE']);
const LOGICAL = new Set(['AND', 'OR']);
const FUNCTIONS = new Set(['lower', 'upper', 'trim']);
const NUMBER = /^-?\d+(\.\d+)?$/;

const parser = new sqlParser.Parser();

export function compileRowFilter(condition: string): RowFilter {
  let ast: unknown;
  try {
    ast = parser.astify(`SELECT * FROM scope WHERE ${condition}`, { database: 'postgresql' });
  } catch (error) {
    throw new Error(`the row filter is not a SQL condition (${(error as Error).message.split('\n')[0]})`);
  }
  const statement = ast as AstNode;
  const clauses = ['groupby', 'having', 'orderby', 'with', 'window'].filter((k) => statement[k]);
  const limit = statement.limit as { value?: unknown[] } | undefined;
  if (Array.isArray(ast) || statement.type !== 'select' || clauses.length || limit?.value?.length || !statement.where) {
    throw new Error('the row filter must be one condition (no ;, no clauses after it)');
  }
  const parameters: string[] = [];
  const where = statement.where as AstNode;
  // Printing once without values checks every node, so errors come when the policy is read.
  print(where, (name) => {
    if (!parameters.includes(name)) parameters.push(name);
    return "''";
  });
  return {
    parameters,
    bind(values) {
      return print(where, (name) => {
        const value = values[name];
        if (typeof value !== 'string') throw new Error(`no value for the row filter's :${name}`);
        return quoteLiteral(value);
      });
    },
  };
}

function print(node: AstNode, param: (name: string) => string): string {
  const p = (n: unknown) => print(n as AstNode, param);
  switch (node.type) {
    case 'binary_expr': {
      const op = String(node.operator).toUpperCase();
      const right = node.right as AstNode;
      if (LOGICAL.has(op) || COMPARISONS.has(op)) return `(${p(node.left)} ${op} ${p(right)})`;
      if ((op === 'IN' || op === 'NOT IN') && right.type === 'expr_list') return `(${p(node.left)} ${op} (${(right.value as AstNode[]).map(p).join(', ')}))`;
      if ((op === 'BETWEEN' || op === 'NOT BETWEEN') && right.type === 'expr_list') {
        const [lo, hi] = right.value as AstNode[];
        return `(${p(node.left)} ${op} ${p(lo)} AND ${p(hi)})`;
      }
      if ((op === 'IS' || op === 'IS NOT') && right.type === 'null') return `(${p(node.left)} ${op} NULL)`;
      throw new Error(`the row filter uses ${op}, which is not allowed here`);
    }
    case 'unary_expr':
      if (String(node.operator).toUpperCase() === 'NOT') return `(NOT ${p(node.expr)})`;
      break;
    case 'function': {
      const name = ((node.name as { name: { value: string }[] }).name ?? []).map((n) => n.value).join('.');
      const args = ((node.args as { value?: AstNode[] } | undefined)?.value ?? []) as AstNode[];
      if (name.toUpperCase() === 'NOT' && args.length === 1) return `(NOT ${p(args[0])})`;
      if (FUNCTIONS.has(name.toLowerCase())) return `${name.toLowerCase()}(${args.map(p).join(', ')})`;
      throw new Error(`the row filter calls ${name}(), which is not allowed here (allowed: ${[...FUNCTIONS].join(', ')})`);
    }
    case 'column_ref': {
      const expr = (node.column as { expr?: AstNode }).expr;
      if (node.table || expr?.type !== 'default') throw new Error('the row filter names a column it may not use (write plain column names, text in single quotes)');
      const column = String(expr.value);
      if (!(SCOPE_COLUMNS as readonly string[]).includes(column)) throw new Error(`the row filter names ${column}, which is not a scope column (${SCOPE_COLUMNS.join(', ')})`);
      return quoteIdent(column);
    }
    case 'param':
      if (typeof node.value !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(node.value)) throw new Error('a parameter name must be lower-case letters, digits and _');
      return param(node.value);
    case 'single_quote_string':
      // The parser keeps the text between the quotes as written ('it''s' → it''s).
      return quoteLiteral(String(node.value).replaceAll("''", "'"));
    case 'number':
      if (NUMBER.test(String(node.value))) return String(node.value);
      break;
    case 'bool':
      return node.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
  }
  throw new Error(`the row filter contains something that is not allowed here (${node.type === 'select' || node.ast ? 'a subquery' : node.type})`);
}
