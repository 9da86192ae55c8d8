import { IngestError } from '../ingestError';

export interface CsvHeader {
  columns: string[];
  delimiter: string;
  hasBom: boolean;
}

const DELIMITERS = [',', ';', '\t', '|'];
/** The header must end within this many bytes; anything longer is not a CSV header. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * Reads the header record of a CSV: strips a UTF-8 BOM, picks the delimiter that splits
 * the header into the most fields outside quotes, and unquotes the names. Column names
 * are kept as written (misspellings like `product_name_lenght` included); blanks and
 * repeats get a suffix so that DuckDB accepts them.
 */
export function readCsvHeader(file: string, bytes: Uint8Array): CsvHeader {
  if (bytes.length === 0) {
    throw new IngestError(file, 'the file is empty (0 bytes): there is no header and no data. Export it again, or leave it out.', { line: 1, byteOffset: 0 });
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = hasBom ? 3 : 0;
  const head = bytes.subarray(start, Math.min(bytes.length, start + MAX_HEADER_BYTES));
  const nul = head.indexOf(0);
  if (nul >= 0) {
    // UTF-16 with a byte order mark was converted before this; without one it looks binary.
    throw new IngestError(file, 'this is not a text CSV file: it contains a NUL byte (binary data, or UTF-16 text without a byte order mark). Check that the file was exported as CSV, in UTF-8.', {
      line: lineAt(head, nul),
      byteOffset: start + nul,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, headerEnd(head)));
  } catch {
    throw new IngestError(file, 'the header is not valid UTF-8. Re-export the file as UTF-8 (most spreadsheet tools offer "CSV UTF-8").', { line: 1, byteOffset: start });
  }
  const line = text.replace(/\r?\n$/, '');
  if (line.trim() === '') throw new IngestError(file, 'the first line is blank: expected a header with column names.', { line: 1, byteOffset: start });
  const delimiter = pickDelimiter(line);
  return { columns: uniqueNames(splitRecord(line, delimiter)), delimiter, hasBom };
}

/** Byte index just past the first record's line break, honouring quoted line breaks. */
function headerEnd(bytes: Uint8Array): number {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) return i + 1;
  }
  return bytes.length;
}

function pickDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = splitRecord(line, d).length;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** Splits one CSV record (RFC 4180 quoting, `""` for a quote inside quotes). */
export function splitRecord(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) fields.push(field), (field = '');
    else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.replace(/\r$/, ''));
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
