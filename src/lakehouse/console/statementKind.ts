import { stripComments } from './splitStatements';

/**
 * What the console does with a statement's result:
 * - `query`: it returns rows (SELECT, WITH, FROM, VALUES, TABLE, PIVOT…): stored as a
 *   table with CREATE TABLE … AS, so that the grid pages through it;
 * - `subquery`: rows, but not allowed right after AS (DESCRIBE, SHOW, SUMMARIZE): stored
 *   with AS SELECT * FROM (…);
 * - `other`: everything else (INSERT, CREATE, PRAGMA, SET…): run as it is.
 */
export type StatementKind = 'query' | 'subquery' | 'other';

const QUERY = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT', 'PIVOT_WIDER', 'PIVOT_LONGER']);
const SUBQUERY = new Set(['DESCRIBE', 'SHOW', 'SUMMARIZE']);

export function statementKind(statement: string): StatementKind {
  const text = stripComments(statement).trimStart();
  if (text.startsWith('(')) return 'query';
  const keyword = /^[A-Za-z_]+/.exec(text)?.[0]?.toUpperCase() ?? '';
  if (QUERY.has(keyword)) return 'query';
  if (SUBQUERY.has(keyword)) return 'subquery';
  return 'other';
}
