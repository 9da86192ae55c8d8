import { recogniseSource } from './recogniseSource';

/** How much of a file's start is looked at: enough for a dump's header and a CSV's first lines. */
export const SNIFF_BYTES = 64 * 1024;

export type SniffedFormat = 'mysql' | 'csv' | 'json' | undefined;

const latin1 = new TextDecoder('latin1');
/** What mysqldump / mariadb-dump write first: their header comment, or MariaDB's sandbox line. */
const DUMP_HEADER = /^(-- (MySQL|MariaDB) dump\b|\/\*M?!999999\\?- enable the sandbox mode)/;
/** The statements a dump is made of (after comments): what `mysqldump > db.dump` starts with. */
const DUMP_STATEMENT = /^(\/\*!\d{5}\s+)?(CREATE\s+(TABLE|DATABASE|SCHEMA|VIEW|ALGORITHM|DEFINER|OR\s+REPLACE)|INSERT\s+(IGNORE\s+)?INTO|REPLACE\s+INTO|DROP\s+(TABLE|VIEW|DATABASE)|SET\s+(NAMES|@|SQL_MODE|TIME_ZONE|FOREIGN_KEY_CHECKS|UNIQUE_CHECKS|CHARACTER_SET_CLIENT)|USE\s+[`\w]|LOCK\s+TABLES)\b/i;
const DELIMITERS = [',', '\t', ';', '|'];

/**
 * What a file holds, judged by its first bytes (`head`, up to SNIFF_BYTES), for files
 * whose name does not say (`db.dump`, `export.txt`, `orders`): a MySQL dump (its header
 * comment or the statements it starts with), a JSON export (a document or an array of
 * them), or a CSV (a header naming a known logical source, or lines split alike by one
 * delimiter). Undefined when it is none of these, or it cannot be told.
 */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  let text = latin1.decode(head.subarray(0, SNIFF_BYTES));
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3); // a UTF-8 byte order mark, read as Latin-1
  // mysqldump --xml writes BLOBs as raw bytes, NUL included: its start says what it is.
  if (DUMP_HEADER.test(text) || /^<\?xml[^>]*\?>\s*<mysqldump\b/.test(text)) return 'mysql';
  if (text.includes('\0')) return undefined; // binary (BSON, compressed, an image…), or UTF-16
  const first = afterSqlComments(text);
  if (DUMP_STATEMENT.test(first)) return 'mysql';
  if (/^\s*(\{\s*("|\})|\[\s*(\{|\]))/.test(text)) return 'json';
  return looksLikeCsv(text) ? 'csv' : undefined;
}

/** The text from its first statement on: blank lines, `-- …`, `# …` and `/* … *\/` comments skipped (not `/*!…*\/`, which MySQL runs). */
function afterSqlComments(text: string): string {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('--', at) || text.startsWith('#', at)) {
      const end = text.indexOf('\n', at);
      if (end < 0) return '';
      at = end + 1;
    } else if (text.startsWith('/*', at) && text[at + 2] !== '!') {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return '';
      at = end + 2;
    } else {
      return text.slice(at);
    }
  }
}

/**
 * A CSV when its first line names a known logical source's columns (DESIGN.md §4), or when
 * its complete lines (at least two, up to 20) hold the same number (one or more) of one
 * delimiter outside quotes.
 */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/);
  // The last line may be cut where the head ends; a file read whole keeps it.
  if (text.length >= SNIFF_BYTES) lines.pop();
  const complete = lines.filter((l) => l !== '').slice(0, 20);
  if (complete.length === 0) return false;
  for (const d of DELIMITERS) {
    const header = splitOutsideQuotes(complete[0]!, d);
    if (header.length > 1 && recogniseSource(header.map((h) => h.replace(/^"|"$/g, ''))) !== undefined) return true;
  }
  if (complete.length < 2) return false;
  return DELIMITERS.some((d) => {
    const n = splitOutsideQuotes(complete[0]!, d).length;
    return n > 1 && complete.every((l) => splitOutsideQuotes(l, d).length === n);
  });
}

function splitOutsideQuotes(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      fields.push(line.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(line.slice(start));
  return fields;
}
