import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { csvRecord } from './csvField';
import { isFormulaFreeType, neutraliseFormula } from './spreadsheetSafe';

/** Text is encoded in pieces of about this many characters, so no single huge string is built. */
const PIECE = 1 << 20;

export interface CsvOptions {
  /**
   * "CSV for Excel": cells a spreadsheet would run as formulas get a leading `'`
   * (spreadsheetSafe.ts), the header's names too. Off: plain RFC 4180, every value as written.
   */
  neutraliseFormulas?: boolean;
}

/**
 * A table as UTF-8 CSV (RFC 4180, header row, CRLF). Every value is cast to VARCHAR by
 * DuckDB itself, so the text is DuckDB's own: TIMESTAMP `2017-10-02 10:56:33.123456`,
 * DECIMAL exact (`12.30`, not a float), DATE `2018-01-01`, BLOB with `\xAA` escapes for
 * non-printable bytes (`CAST(… AS BLOB)` turns it back), lists and structs as DuckDB
 * literals. Reading it back with the column types gives the same values (for plain CSV;
 * the Excel variant changes the cells it neutralises).
 */
export async function tableCsv(engine: Engine, schema: string, table: string, columnTypes: ReadonlyMap<string, string>, options: CsvOptions = {}): Promise<Uint8Array> {
  const columns = [...columnTypes.keys()];
  if (columns.length === 0) throw new Error(`There is no table ${schema}.${table}.`);
  const select = columns.map((c, i) => `CAST(${quoteIdent(c)} AS VARCHAR) AS "c${i}"`).join(', ');
  const result = await engine.query(`SELECT ${select} FROM ${qualified(schema, table)}`);
  const encoder = new TextEncoder();
  const safe = options.neutraliseFormulas ?? false;
  // Per column: only columns whose text can hold a formula are checked (spreadsheetSafe.ts).
  const checked = columns.map((c) => safe && !isFormulaFreeType(columnTypes.get(c)!));
  const parts: Uint8Array[] = [encoder.encode(csvRecord(safe ? columns.map(neutraliseFormula) : columns))];
  const vectors = columns.map((_, i) => result.getChildAt(i)!);
  let text = '';
  for (let row = 0; row < result.numRows; row++) {
    text += csvRecord(
      vectors.map((v, i) => {
        const value = (v.get(row) ?? null) as string | null;
        return value !== null && checked[i] ? neutraliseFormula(value) : value;
      }),
    );
    if (text.length >= PIECE) {
      parts.push(encoder.encode(text));
      text = '';
    }
  }
  if (text) parts.push(encoder.encode(text));
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
