import type { ByteColumn } from '../arrow/byteColumn';
import { windows1252ToUtf8 } from '../windows1252';

/**
 * Text in a dump is in the connection character set that `SET NAMES` declares (the
 * server converts every column to it on the way out), so that — not each table's own
 * charset — is what values are decoded from. DuckDB wants UTF-8.
 */
const MYSQL_TO_WHATWG: Record<string, string> = {
  utf8: 'utf-8',
  utf8mb3: 'utf-8',
  utf8mb4: 'utf-8',
  ascii: 'utf-8', // a subset; anything above 0x7F is reported as invalid
  latin1: 'windows-1252', // MySQL's latin1 is cp1252
  cp1252: 'windows-1252',
  latin2: 'iso-8859-2',
  latin5: 'iso-8859-9',
  latin7: 'iso-8859-13',
  greek: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1256: 'windows-1256',
  cp1257: 'windows-1257',
  cp866: 'ibm866',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  ujis: 'euc-jp',
  eucjpms: 'euc-jp',
  euckr: 'euc-kr',
  gbk: 'gbk',
  gb2312: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  utf16: 'utf-16be',
  utf16le: 'utf-16le',
};

/** The WHATWG encoding label for a MySQL character set, or undefined when unsupported. */
export function encodingOf(mysqlCharset: string): string | undefined {
  return MYSQL_TO_WHATWG[mysqlCharset.toLowerCase()];
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Indices of the values in `column` that are not valid UTF-8. Fast when all are valid:
 * one strict decode of the whole buffer, plus a check at each value's edges (a value
 * that ends inside a character could otherwise pair up with the next one).
 */
export function invalidUtf8Values(column: ByteColumn): number[] {
  if (column.utf8EdgesClean() && isValidUtf8(column.allBytes())) return [];
  const bad: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column.valueAt(i);
    if (v && !isValidUtf8(v)) bad.push(i);
  }
  return bad;
}

/** Replaces invalid sequences of the listed values with U+FFFD (after they were reported). */
export function replaceInvalidUtf8(column: ByteColumn, indices: number[]): void {
  if (!indices.length) return;
  const bad = new Set(indices);
  const values: (Uint8Array | null)[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column.valueAt(i);
    values.push(v && bad.has(i) ? encoder.encode(lossy.decode(v)) : v && v.slice());
  }
  column.rebuild(values);
}

/** Re-encodes every value of `column` from `encoding` to UTF-8. */
export function transcodeToUtf8(column: ByteColumn, encoding: string): void {
  const decoder = new TextDecoder(encoding, { fatal: false });
  // Node's own windows-1252 decoder is ISO-8859-1 (see windows1252.ts).
  const convert = encoding === 'windows-1252' ? windows1252ToUtf8 : (v: Uint8Array) => encoder.encode(decoder.decode(v));
  const values: (Uint8Array | null)[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column.valueAt(i);
    values.push(v && convert(v));
  }
  column.rebuild(values);
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
