import { LAYERS } from './layers';

/**
 * The layer-qualified tables a model's SQL refers to (`bronze.orders`, `silver.customers`),
 * in order of first appearance. Models always name tables with their layer
 * (src/pipeline/models/README.md), so a reference is any `<layer>.<name>` outside
 * comments and string literals. DuckDB's own parse tree (json_serialize_sql) would do
 * this too, but it lives in the json extension, which DuckDB-WASM cannot load offline;
 * a test checks this against json_serialize_sql on native DuckDB for every model.
 */
export function tableReferences(sql: string): string[] {
  const code = stripCommentsAndStrings(sql);
  const ident = '(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)';
  const pattern = new RegExp(`(?<![A-Za-z0-9_."])(${LAYERS.join('|')})\\s*\\.\\s*(${ident})`, 'gi');
  const seen = new Set<string>();
  for (const m of code.matchAll(pattern)) {
    const name = m[2].startsWith('"') ? m[2].slice(1, -1).replaceAll('""', '"') : m[2].toLowerCase();
    seen.add(`${m[1].toLowerCase()}.${name}`);
  }
  return [...seen];
}

/** Replaces comments and string literals by spaces, keeping quoted identifiers. */
function stripCommentsAndStrings(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else if (c === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      i = j + 1;
      out += "''";
    } else if (c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
