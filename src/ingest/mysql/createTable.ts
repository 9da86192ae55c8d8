import { mapMysqlType, type ColumnType } from './mysqlTypes';

/** A table as its CREATE TABLE statement declares it. */
export interface TableDefinition {
  database?: string;
  table: string;
  columns: ColumnDefinition[];
}

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  /** `GENERATED ALWAYS AS (…)` / `AS (…)`: dumps still write its values. */
  generated: boolean;
}

/** Items of a table body that are not columns. */
const NOT_COLUMNS = new Set(['PRIMARY', 'KEY', 'INDEX', 'UNIQUE', 'CONSTRAINT', 'FOREIGN', 'FULLTEXT', 'SPATIAL', 'CHECK', 'PERIOD']);

/**
 * Reads the columns of a `CREATE TABLE` as mysqldump and mariadb-dump write it, with
 * back-quoted or (`--compatible=ansi`) double-quoted identifiers. Returns undefined for
 * statements that are not a plain table definition (`CREATE TABLE … LIKE`, `… AS SELECT`).
 */
export function parseCreateTable(sql: string): TableDefinition | undefined {
  const head = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?/i.exec(sql);
  if (!head) return undefined;
  let pos = head[0].length;
  const first = readIdentifier(sql, pos);
  if (!first) return undefined;
  pos = first.end;
  let database: string | undefined;
  let table = first.name;
  if (sql[pos] === '.') {
    const second = readIdentifier(sql, pos + 1);
    if (!second) return undefined;
    database = table;
    table = second.name;
    pos = second.end;
  }
  const open = sql.indexOf('(', pos);
  if (open < 0 || sql.slice(pos, open).trim() !== '') return undefined;
  const close = matchingParen(sql, open);
  if (close < 0) return undefined;

  const columns: ColumnDefinition[] = [];
  for (const item of splitTopLevel(sql.slice(open + 1, close))) {
    const text = item.trim();
    const firstWord = /^[A-Za-z_]+/.exec(text)?.[0]?.toUpperCase();
    if (text[0] !== '`' && text[0] !== '"' && firstWord && NOT_COLUMNS.has(firstWord)) continue;
    const id = readIdentifier(text, 0);
    if (!id) continue;
    const rest = text.slice(id.end).trim();
    const generated = /\b(GENERATED\s+ALWAYS\s+)?AS\s*\(/i.test(stripQuoted(rest));
    columns.push({ name: id.name, type: mapMysqlType(typeText(rest)), generated });
  }
  const definition: TableDefinition = { table, columns };
  if (database !== undefined) definition.database = database;
  return definition;
}

/** The type part of a column definition: name, its (arguments) and UNSIGNED. */
function typeText(rest: string): string {
  const name = /^[A-Za-z0-9_]+(\s+precision|\s+varying)?/i.exec(rest)?.[0] ?? '';
  let pos = name.length;
  let args = '';
  const afterName = rest.slice(pos).trimStart();
  if (afterName.startsWith('(')) {
    const start = rest.indexOf('(', pos);
    const end = matchingParen(rest, start);
    args = rest.slice(start, end + 1);
    pos = end + 1;
  }
  const unsigned = /^\s*(unsigned|signed)?\s*(zerofill)?/i.exec(rest.slice(pos))?.[0]?.trim() ?? '';
  return `${name}${args}${unsigned ? ` ${unsigned}` : ''}`;
}

function readIdentifier(s: string, from: number): { name: string; end: number } | undefined {
  let i = from;
  while (/\s/.test(s[i] ?? '')) i++;
  const q = s[i];
  if (q === '`' || q === '"') {
    let name = '';
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === q) {
        if (s[j + 1] === q) {
          name += q;
          j++;
          continue;
        }
        return { name, end: j + 1 };
      }
      name += s[j];
    }
    return undefined;
  }
  const bare = /^[A-Za-z0-9_$\u0080-\uffff]+/.exec(s.slice(i));
  return bare ? { name: bare[0], end: i + bare[0].length } : undefined;
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; -1 when unclosed. */
function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(s, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(body, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  items.push(body.slice(start));
  return items;
}

/** Index of the closing quote of the quoted text starting at `i` (doubled quotes and `\` escapes). */
function skipQuoted(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\' && q === "'") j++;
    else if (s[j] === q) {
      if (s[j + 1] === q) j++;
      else return j;
    }
  }
  return s.length;
}

function stripQuoted(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(s, i);
      out += "''";
    } else out += c;
  }
  return out;
}
