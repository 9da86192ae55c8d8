import { extensionOf } from './inputFile';
import { sniffChanges } from './cdc/sniffChanges';
import { sniffFormat } from './sniffFormat';

export type InputFormat = 'csv' | 'mysql' | 'json' | 'bson' | 'parquet' | 'debezium' | 'binlog' | 'unknown';

/** Extensions that say what a file is; any other name is judged by its content. */
const BY_EXTENSION: Record<string, InputFormat> = {
  csv: 'csv',
  tsv: 'csv',
  sql: 'mysql',
  xml: 'mysql', // mysqldump --xml
  json: 'json',
  ndjson: 'json',
  jsonl: 'json',
  bson: 'bson',
  parquet: 'parquet',
};

/** Extensions change-data-capture files are often given: `kcat … > orders.jsonl`, `mariadb-binlog … > binlog.sql`. */
const MAY_HOLD_CHANGES = new Set<InputFormat>(['json', 'mysql']);

/** Names that travel with exports but hold no rows (mongodump metadata, readmes). */
const SIDE_FILES = [/\.metadata\.json$/i, /(^|\/)readme(\.\w+)?$/i, /(^|\/)license(\.\w+)?$/i];

/**
 * A file's format: by its extension when that says (`.csv`, `.sql`, `.json`, …); else by
 * its first bytes (`head`): `mysqldump db > db.dump`, `export.txt`, a file with no
 * extension. A `.txt` that is neither a dump nor JSON stays a CSV, as it always was.
 * Change-data-capture files (a Debezium topic dump, a decoded binary log) are told by
 * content even under `.json`/`.jsonl`/`.sql`, the names they are usually saved under.
 */
export function detectFormat(path: string, head?: Uint8Array): InputFormat {
  const extension = extensionOf(path);
  const known = BY_EXTENSION[extension];
  const changes = head && (known === undefined || MAY_HOLD_CHANGES.has(known)) ? sniffChanges(head) : undefined;
  if (changes) return changes;
  if (known) return known;
  const sniffed = head ? sniffFormat(head) : undefined;
  return sniffed ?? (extension === 'txt' ? 'csv' : 'unknown');
}

/** Whether detectFormat needs the file's first bytes to decide. */
export function needsContent(path: string): boolean {
  const known = BY_EXTENSION[extensionOf(path)];
  return known === undefined || MAY_HOLD_CHANGES.has(known);
}

export function isSideFile(path: string): boolean {
  return SIDE_FILES.some((re) => re.test(path));
}
