/**
 * A small RFC 4180 CSV parser for the reference implementation: UTF-8 BOM, LF or CRLF line
 * ends, quoted fields with doubled quotes ("") and embedded line breaks, a missing final
 * newline. An empty unquoted field is `null` (missing); a quoted empty field ("") is ''.
 * Blank lines are skipped. Independent of DuckDB's reader on purpose.
 */

export type CsvValue = string | null;

export interface CsvTable {
  /** Column names as written (trimmed). */
  header: string[];
  /** Data records; a record shorter than the header is padded with nulls. */
  rows: CsvValue[][];
}

export function parseCsv(input: string | Uint8Array): CsvTable {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseRecords(text);
  const headerRecord = records.shift() ?? [];
  const header = headerRecord.map((h) => (h ?? '').trim());
  const rows = records.map((r) => {
    while (r.length < header.length) r.push(null);
    return r;
  });
  return { header, rows };
}

function parseRecords(text: string): CsvValue[][] {
  const records: CsvValue[][] = [];
  let record: CsvValue[] = [];
  let field = '';
  let quoted = false; // the current field started with a quote
  let inQuotes = false; // inside the quoted part
  let fieldStarted = false; // anything at all seen for the current field
  let lineHasContent = false;

  const endField = () => {
    record.push(quoted ? field : field === '' ? null : field);
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (lineHasContent) records.push(record);
    record = [];
    lineHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      inQuotes = true;
      fieldStarted = true;
      lineHasContent = true;
    } else if (c === ',') {
      endField();
      lineHasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      // A stray quote inside an unquoted field is kept as text (lenient, like most readers).
      field += c;
      fieldStarted = true;
      lineHasContent = true;
    }
  }
  if (inQuotes) throw new SyntaxError('CSV ends inside a quoted field');
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}
