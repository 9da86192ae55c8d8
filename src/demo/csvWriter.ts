/**
 * CSV writing with the quoting rules of the Kaggle Olist files:
 * - header fields are quoted;
 * - numbers and timestamps are never quoted;
 * - a text value is quoted when it starts with a digit (so 32-hex ids are quoted
 *   inconsistently and zip prefixes always are), or when it holds a comma, a double quote
 *   or a line break (embedded quotes doubled);
 * - NULL is an empty field; lines end in LF, with a final newline.
 *
 * Rows are appended as strings and encoded to UTF-8 in chunks, so even the million-row
 * geolocation file never exists as one giant JS string.
 */

const FLUSH_AT = 1 << 20; // characters

export class CsvSink {
  /** `emit`: where full chunks go as they are encoded (a file being written); without it they are kept for finish(). */
  constructor(private readonly emit?: (bytes: Uint8Array) => void) {}

  private pending = '';
  private readonly chunks: Uint8Array[] = [];
  private byteLength = 0;
  private readonly encoder = new TextEncoder();
  records = 0;

  /** Appends raw text as-is (no newline added). */
  raw(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  /** Appends one record, already formatted, and its LF terminator. */
  row(line: string): void {
    this.pending += line + '\n';
    this.records++;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  /** The quoted header line (does not count as a record). */
  header(columns: readonly string[]): void {
    this.raw(columns.map((c) => `"${c}"`).join(',') + '\n');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = this.encoder.encode(this.pending);
    this.pending = '';
    if (this.emit) return this.emit(bytes);
    this.chunks.push(bytes);
    this.byteLength += bytes.length;
  }

  /** All bytes written so far, as one array (empty when they were emitted as they came). */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 0) return new Uint8Array(0);
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.byteLength);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}

function needsEscaping(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 /* , */ || c === 34 /* " */ || c === 10 /* \n */ || c === 13 /* \r */) return true;
  }
  return false;
}

/** A text field: empty for null, quoted when it starts with a digit or needs escaping. */
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (needsEscaping(value)) return '"' + value.replace(/"/g, '""') + '"';
  const c = value.charCodeAt(0);
  if (c >= 48 && c <= 57) return '"' + value + '"';
  return value;
}

/** An integer field: empty for null, never quoted. */
export function int(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A money amount in cents, printed with exactly two decimals (58.90, 0.00). */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return whole + (frac < 10 ? '.0' : '.') + frac;
}

const dayCache = new Map<number, string>();

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * `YYYY-MM-DD HH:MM:SS` for a count of seconds since 1970-01-01 00:00:00 (wall-clock time,
 * no time zone), or an empty field for null.
 */
export function timestamp(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.floor(seconds);
  const day = Math.floor(s / 86400);
  let date = dayCache.get(day);
  if (date === undefined) {
    date = new Date(day * 86400000).toISOString().slice(0, 10);
    dayCache.set(day, date);
  }
  const rest = s - day * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest - h * 3600) / 60);
  const sec = rest - h * 3600 - m * 60;
  return date + ' ' + pad2(h) + ':' + pad2(m) + ':' + pad2(sec);
}

/** Seconds since epoch for a UTC wall-clock date. */
export function secondsAt(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** Midnight of the day holding `seconds`. */
export function startOfDay(seconds: number): number {
  return Math.floor(seconds / 86400) * 86400;
}
