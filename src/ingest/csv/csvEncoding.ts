import { windows1252ToUtf8 } from '../windows1252';

/** A CSV's bytes as UTF-8, the only encoding DuckDB's reader takes, and what was done to get them. */
export interface CsvText {
  bytes: Uint8Array;
  /** Set when the bytes were converted: a note for the load report, with where to look. */
  note?: string;
  /** Converted: byte offsets in the UTF-8 text no longer match the file's. */
  transcoded: boolean;
}

const encoder = new TextEncoder();
/** As far as the header check looks for binary data (csvHeader.ts). */
const BINARY_CHECK_BYTES = 1 << 20;

/**
 * Decides what a CSV's bytes are, so that text never turns into mojibake in silence:
 *
 * - UTF-16 with a byte order mark (what Excel's "Unicode text" writes): converted.
 * - UTF-8, with or without a BOM: kept as is; so is binary data (a NUL byte), which the
 *   header check refuses.
 * - Not UTF-8, when the invalid sequences outnumber the valid multi-byte ones: a single-
 *   byte code page. It is read as Windows-1252 — what Excel's plain "CSV" writes on
 *   Western systems, a superset of Latin-1's printable characters, and every byte maps
 *   to a character, so nothing is lost — with a note that quotes the first converted
 *   line, so the user can see whether the guess is right.
 * - Otherwise: UTF-8 with a few broken bytes. DuckDB sends those rows to quarantine with
 *   their line; converting would garble every correct accented letter in the file.
 */
export function csvAsUtf8(bytes: Uint8Array): CsvText {
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (bom16) {
    return {
      bytes: encoder.encode(new TextDecoder(bom16).decode(bytes)),
      note: `the file is ${bom16 === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'}, as its byte order mark says; it was converted to UTF-8.`,
      transcoded: true,
    };
  }
  // A NUL byte makes it binary in any 8-bit encoding: left as is for the header check to
  // report, at the file's own offsets.
  if (bytes.subarray(0, BINARY_CHECK_BYTES).includes(0)) return { bytes, transcoded: false };
  const scan = scanUtf8(bytes);
  if (scan.invalid === 0 || scan.invalid <= scan.valid) return { bytes, transcoded: false };
  const at = scan.firstInvalid;
  const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
  const lineEnd = bytes.indexOf(0x0a, at);
  const sample = new TextDecoder().decode(windows1252ToUtf8(bytes.subarray(lineStart, lineEnd < 0 ? bytes.length : lineEnd))).replace(/\r$/, '');
  const line = countLines(bytes, at);
  return {
    bytes: windows1252ToUtf8(bytes),
    note:
      `the file is not UTF-8 (line ${line}, byte ${at} holds 0x${bytes[at]!.toString(16).toUpperCase()}), so it was read as Windows-1252 (Latin-1): ` +
      `line ${line} reads ${JSON.stringify(sample.length > 120 ? `${sample.slice(0, 120)}…` : sample)}. If the text looks wrong, re-export the file as UTF-8 ("CSV UTF-8").`,
    transcoded: true,
  };
}

/** Valid multi-byte UTF-8 sequences, invalid bytes, and the offset of the first invalid one. */
export function scanUtf8(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  const n = bytes.length;
  // ASCII four bytes at a time where the buffer is aligned for it: most CSV bytes are ASCII.
  const aligned = (4 - (bytes.byteOffset % 4)) % 4;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + aligned, Math.max(0, (n - aligned) >> 2));
  let i = 0;
  while (i < n) {
    if (i >= aligned && (i - aligned) % 4 === 0) {
      let w = (i - aligned) >> 2;
      while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
      i = aligned + w * 4;
      if (i >= n) break;
    }
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i, b);
    if (length > 0) {
      valid++;
      i += length;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}

/** The length of the well-formed UTF-8 sequence starting with b at i (Unicode table 3-7), or 0. */
function sequenceLength(s: Uint8Array, i: number, b: number): number {
  const b1 = s[i + 1] ?? 0;
  if (b >= 0xc2 && b <= 0xdf) return isTail(b1) ? 2 : 0;
  const b2 = s[i + 2] ?? 0;
  if (b >= 0xe0 && b <= 0xef) {
    const ok1 = b === 0xe0 ? b1 >= 0xa0 && b1 <= 0xbf : b === 0xed ? b1 >= 0x80 && b1 <= 0x9f : isTail(b1);
    return ok1 && isTail(b2) ? 3 : 0;
  }
  const b3 = s[i + 3] ?? 0;
  if (b >= 0xf0 && b <= 0xf4) {
    const ok1 = b === 0xf0 ? b1 >= 0x90 && b1 <= 0xbf : b === 0xf4 ? b1 >= 0x80 && b1 <= 0x8f : isTail(b1);
    return ok1 && isTail(b2) && isTail(b3) ? 4 : 0;
  }
  return 0;
}

function isTail(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}
