import type { ValueSink } from './insertValues';

/**
 * Reads the data files of `mysqldump --tab` (written by the server's `SELECT … INTO
 * OUTFILE`): fields end at TAB, rows at LF, `\N` is NULL, and a backslash escapes the
 * next byte — `\0` `\b` `\n` `\r` `\t` `\Z` are the control characters, anything else
 * (a backslash, a literal TAB or LF inside a value) stands for itself.
 * Works on bytes, like the INSERT parser, and feeds the same sink.
 */
const ESCAPES: Record<number, number> = { 0x30: 0x00, 0x62: 0x08, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x5a: 0x1a };
const TAB = 0x09, LF = 0x0a, BSL = 0x5c, N = 0x4e;

export interface TabRowPosition {
  /** 1-based line where the row starts. */
  line: number;
  byteOffset: number;
}

/** Parses every row of `bytes`; `onRow` is called before each row starts. Returns the row count. */
export function parseTabRows(bytes: Uint8Array, sink: ValueSink, onRow?: (at: TabRowPosition) => void): number {
  let value = new Uint8Array(256);
  let rows = 0;
  let line = 1;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const rowStart = i;
    onRow?.({ line, byteOffset: i });
    // One row: fields until an unescaped LF (or the end of the file).
    for (;;) {
      let len = 0;
      const start = i;
      let escaped = false;
      while (i < n && bytes[i] !== TAB && bytes[i] !== LF) {
        let b = bytes[i]!;
        if (b === BSL && i + 1 < n) {
          escaped = true;
          const e = bytes[++i]!;
          if (e === LF) line++;
          b = ESCAPES[e] ?? e;
        }
        if (len === value.length) {
          const next = new Uint8Array(value.length * 2);
          next.set(value);
          value = next;
        }
        value[len++] = b;
        i++;
      }
      if (escaped && i - start === 2 && bytes[start] === BSL && bytes[start + 1] === N) sink.null();
      else sink.string(value, 0, len, false);
      if (i < n && bytes[i] === TAB) {
        i++;
        continue;
      }
      if (i < n) {
        i++; // the LF
        line++;
      }
      break;
    }
    sink.endRow(rowStart, i);
    rows++;
  }
  return rows;
}
