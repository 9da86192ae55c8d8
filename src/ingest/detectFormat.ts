import { extensionOf } from './inputFile';
import { sniffFormat } from './sniffFormat';

export type InputFormat = 'csv' | 'mysql' | 'json' | 'bson' | 'parquet' | 'unknown';

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

/** Names that travel with exports but hold no rows (mongodump metadata, readmes). */
const SIDE_FILES = [/\.metadata\.json$/i, /(^|\/)readme(\.\w+)?$/i, /(^|\/)license(\.\w+)?$/i];

/**
 * A file's format: by its extension when that says (`.csv`, `.sql`, `.json`, …); else by
 * its first bytes (`head`): `mysqldump db > db.dump`, `export.txt`, a file with no
 * extension. A `.txt` that is neither a dump nor JSON stays a CSV, as it always was.
 */
export function detectFormat(path: string, head?: Uint8Array): InputFormat {
  const extension = extensionOf(path);
  const known = BY_EXTENSION[extension];
  if (known) return known;
  const sniffed = head ? sniffFormat(head) : undefined;
  return sniffed ?? (extension === 'txt' ? 'csv' : 'unknown');
}

/** Whether detectFormat needs the file's first bytes to decide. */
export function needsContent(path: string): boolean {
  return BY_EXTENSION[extensionOf(path)] === undefined;
}

export function isSideFile(path: string): boolean {
  return SIDE_FILES.some((re) => re.test(path));
}
