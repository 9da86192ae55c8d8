import { describe, expect, it } from 'vitest';
import { splitStatements } from './splitStatements';
import { statementKind } from './statementKind';

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    const sql = `SELECT 'a;b' AS "x;y"; -- a comment; still a comment
      SELECT E'it\\'s;' /* block; comment */ ; SELECT $$dollar; quoted$$, $tag$ ; $tag$;
      ;  -- only a comment
      SELECT 1`;
    expect(splitStatements(sql)).toEqual([
      `SELECT 'a;b' AS "x;y"`,
      `-- a comment; still a comment\n      SELECT E'it\\'s;' /* block; comment */`,
      'SELECT $$dollar; quoted$$, $tag$ ; $tag$',
      '-- only a comment\n      SELECT 1',
    ]);
    expect(splitStatements("SELECT 'it''s; fine'")).toEqual(["SELECT 'it''s; fine'"]);
    expect(splitStatements('  ; -- nothing\n /* at all */ ')).toEqual([]);
  });
});

describe('statementKind', () => {
  it.each([
    ['SELECT 1', 'query'],
    ['  -- lead\n with x AS (SELECT 1) SELECT * FROM x', 'query'],
    ['FROM gold.rfm', 'query'],
    ['(SELECT 1) UNION ALL (SELECT 2)', 'query'],
    ['values (1)', 'query'],
    ['DESCRIBE gold.rfm', 'subquery'],
    ['SUMMARIZE gold.rfm', 'subquery'],
    ['/* c */ SHOW TABLES', 'subquery'],
    ['INSERT INTO t VALUES (1)', 'other'],
    ['PRAGMA version', 'other'],
    ['CREATE TABLE t AS SELECT 1', 'other'],
  ] as const)('%s → %s', (sql, kind) => expect(statementKind(sql)).toBe(kind));
});
