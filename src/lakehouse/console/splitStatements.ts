/**
 * Splits SQL text into statements at top-level semicolons, the way DuckDB reads it:
 * semicolons inside 'strings' (E'…' with backslash escapes), "identifiers", $tag$ dollar
 * quotes$tag$, -- line comments and block comments do not split. Statements holding only
 * whitespace and comments are dropped; each keeps its own text, comments included.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  const push = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (stripComments(text).trim()) statements.push(text);
    start = end + 1;
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === "'") i = skipQuoted(sql, i, "'", /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? ''));
    else if (c === '"') i = skipQuoted(sql, i, '"', false);
    else if (c === '-' && sql[i + 1] === '-') i = lineEnd(sql, i);
    else if (c === '/' && sql[i + 1] === '*') i = blockEnd(sql, i);
    else if (c === '$' && dollarTag(sql, i)) {
      const tag = dollarTag(sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? n : close + tag.length;
    } else {
      if (c === ';') push(i);
      i++;
    }
  }
  push(n);
  return statements;
}

/** The text without its comments (strings kept), e.g. to find a statement's first keyword. */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') i = lineEnd(sql, i);
    else if (c === '/' && sql[i + 1] === '*') {
      i = blockEnd(sql, i);
      out += ' ';
    } else if (c === "'" || c === '"') {
      const end = skipQuoted(sql, i, c, false);
      out += sql.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function skipQuoted(sql: string, at: number, quote: string, backslashEscapes: boolean): number {
  let i = at + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function lineEnd(sql: string, at: number): number {
  const end = sql.indexOf('\n', at);
  return end < 0 ? sql.length : end;
}

function blockEnd(sql: string, at: number): number {
  const end = sql.indexOf('*/', at + 2);
  return end < 0 ? sql.length : end + 2;
}

/** `$tag$` or `$$` at `at`, unless it is a parameter such as `$1`. */
function dollarTag(sql: string, at: number): string | undefined {
  const match = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(at, at + 64));
  if (!match || /\w/.test(sql[at - 1] ?? '')) return undefined;
  return match[0];
}
