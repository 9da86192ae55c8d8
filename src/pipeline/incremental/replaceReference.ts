/**
 * The model's SQL with every reference to `schema.table` (in code, not in comments or
 * string literals; either part may be quoted) replaced by `replacement`: how an incremental
 * build points a silver model at only the bronze rows of new batches without touching
 * the model file. The same reading of references as tableReferences.ts.
 */
export function replaceTableReference(sql: string, schema: string, table: string, replacement: string): string {
  const ident = (name: string) => `(?:"${escape(name.replaceAll('"', '""'))}"|${escape(name)}(?![A-Za-z0-9_]))`;
  const pattern = new RegExp(`(?<![A-Za-z0-9_."])${ident(schema)}\\s*\\.\\s*${ident(table)}`, 'iy');
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const skipped = skipNonCode(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    pattern.lastIndex = i;
    const m = pattern.exec(sql);
    // The lookbehind sees the character before i: a reference starts a word.
    if (m) {
      out += replacement;
      i += m[0].length;
    } else if (sql[i] === '"') {
      const end = quotedEnd(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else {
      out += sql[i];
      i++;
    }
  }
  return out;
}

/** Where a comment or string literal starting at `i` ends (i itself when none starts there). */
function skipNonCode(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (sql.startsWith('/*', i)) {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (sql[i] === "'") {
    let j = i + 1;
    while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
    return j + 1;
  }
  return i;
}

function quotedEnd(sql: string, i: number): number {
  let j = i + 1;
  while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
  return j + 1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
