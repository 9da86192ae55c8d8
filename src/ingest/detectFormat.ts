import { extensionOf } from './inputFile';

export type InputFormat = 'csv' | 'mysql' | 'json' | 'bson' | 'parquet' | 'unknown';

const BY_EXTENSION: Record<string, InputFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
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

export function detectFormat(path: string): InputFormat {
  return BY_EXTENSION[extensionOf(path)] ?? 'unknown';
}

export function isSideFile(path: string): boolean {
  return SIDE_FILES.some((re) => re.test(path));
}
