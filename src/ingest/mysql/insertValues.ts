/**
 * Parses the INSERT / REPLACE statements that mysqldump and mariadb-dump write:
 *   INSERT [IGNORE] INTO `t` [(`c1`,`c2`)] VALUES (…),(…)
 *   REPLACE INTO "db"."t" VALUES (…)
 * Works on the statement's bytes so that raw BLOB bytes (dumps without --hex-blob) come
 * out exactly. Numbers keep their exact text; they never pass through a JS number.
 *
 * Plain TypeScript: no Node built-ins, no DOM (runs in a Web Worker).
 */

export type Value =
  | null
  | string
  | { kind: 'number'; text: string }
  | { kind: 'hex'; bytes: Uint8Array }
  | { kind: 'bits'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array };

/** What an INSERT says before its rows. */
export interface InsertHeader {
  verb: 'INSERT' | 'REPLACE';
  ignore: boolean;
  database?: string;
  table: string;
  columns?: string[];
}

export interface InsertStatement extends InsertHeader {
  rows: Value[][];
}

/**
 * Receives an INSERT's values in order, row by row, as bytes: the fast path to Arrow
 * never makes a JS string per value. Byte arrays are views, valid only during the call.
 */
export interface ValueSink {
  /**
   * A quoted string, unescaped: `bytes[start..end)`. `binary` when it carried the
   * `_binary` introducer. Ranges instead of views: no allocation per value.
   */
  string(bytes: Uint8Array, start: number, end: number, binary: boolean): void;
  /** A number's exact text (`-1.5e10`): `text[start..end)`. */
  number(text: Uint8Array, start: number, end: number): void;
  /** `0x…` or `X'…'`. */
  hex(bytes: Uint8Array): void;
  /** `b'0101'` or `0b0101`: the binary digits. */
  bits(digits: Uint8Array): void;
  null(): void;
  /**
   * The row is complete: its text is `[start, end)` of the statement (from its `(` to
   * after its `)`), so that a row the sink refuses can be quarantined as written.
   */
  endRow(start: number, end: number): void;
}

export class InsertParseError extends Error {
  override readonly name = 'InsertParseError';
  /** Rows of the statement completed before the error (already given to the sink). */
  rowsBefore = 0;
  /** Byte offset in the statement where the failed row starts (its `(`). */
  rowByteOffset = 0;
  constructor(
    /** Character (UTF-16 code unit) offset inside the statement. */
    readonly offset: number,
    readonly byteOffset: number,
    readonly expected: string,
    found: string,
    /** The statement ran out (it ends, or a string runs to its end): cut off, not malformed. */
    readonly atEnd = false,
  ) {
    super(`at character ${offset}: expected ${expected}, found ${found}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** MySQL's escape table: `\x` → byte; unlisted characters stand for themselves. */
const ESCAPES: Record<number, number> = {
  0x30: 0x00, // \0
  0x62: 0x08, // \b
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
  0x5a: 0x1a, // \Z
};
const BSL = 0x5c, QUOTE = 0x27, DQUOTE = 0x22, BACKTICK = 0x60;
const EMPTY = new Uint8Array(0);

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}
function isWordByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) || b === 0x5f || b === 0x24 || b >= 0x80;
}
function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
function isHex(b: number): boolean {
  return isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66);
}

/** Whether a statement's text is an INSERT or REPLACE (cheap check before parsing). */
export function isInsertStatement(text: string): boolean {
  return /^\s*(INSERT|REPLACE)\b/i.test(text);
}

/** Parses one INSERT or REPLACE statement (without its delimiter). Throws InsertParseError. */
export function parseInsert(statement: string | Uint8Array): InsertStatement {
  const rows: Value[][] = [];
  const header = parseInsertInto(typeof statement === 'string' ? encoder.encode(statement) : statement, () => new ValueListSink(rows));
  return { ...header, rows };
}

/**
 * Parses one INSERT or REPLACE statement, handing its values to the sink that `open`
 * returns for the statement's header. Throws InsertParseError (with `rowsBefore`).
 */
export function parseInsertInto(statement: Uint8Array, open: (header: InsertHeader) => ValueSink): InsertHeader {
  return new Parser(statement).insert(open);
}

/** Collects values as `Value`s: exact, convenient, and slower than a byte sink. */
class ValueListSink implements ValueSink {
  private row: Value[] = [];
  constructor(private readonly rows: Value[][]) {}
  string(bytes: Uint8Array, start: number, end: number, binary: boolean): void {
    const value = bytes.slice(start, end);
    this.row.push(binary ? { kind: 'bytes', bytes: value } : textOrBytes(value));
  }
  number(text: Uint8Array, start: number, end: number): void {
    this.row.push({ kind: 'number', text: utf8.decode(text.subarray(start, end)) });
  }
  hex(bytes: Uint8Array): void {
    this.row.push({ kind: 'hex', bytes: bytes.slice() });
  }
  bits(digits: Uint8Array): void {
    this.row.push({ kind: 'bits', text: utf8.decode(digits) });
  }
  null(): void {
    this.row.push(null);
  }
  endRow(): void {
    this.rows.push(this.row);
    this.row = [];
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly s: Uint8Array) {}

  insert(open: (header: InsertHeader) => ValueSink): InsertHeader {
    const verb = this.keyword('INSERT or REPLACE', 'INSERT', 'REPLACE');
    let ignore = false;
    for (;;) {
      const w = this.keyword('INTO', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO');
      if (w === 'INTO') break;
      if (w === 'IGNORE') ignore = true;
    }
    let table = this.identifier();
    let database: string | undefined;
    if (this.peek() === 0x2e) {
      this.pos++;
      database = table;
      table = this.identifier();
    }
    let columns: string[] | undefined;
    if (this.peek() === 0x28) {
      this.pos++;
      columns = [];
      if (this.peek() !== 0x29) {
        do columns.push(this.identifier());
        while (this.take(0x2c));
      }
      this.expect(0x29, '"," or ")" in the column list');
    }
    this.keyword('VALUES', 'VALUES', 'VALUE');
    const header: InsertHeader = { verb, ignore, table };
    if (database !== undefined) header.database = database;
    if (columns) header.columns = columns;
    const sink = open(header);
    let rows = 0;
    let rowStart = this.pos;
    try {
      do {
        this.skip();
        rowStart = this.pos;
        this.row(sink);
        rows++;
      } while (this.take(0x2c));
      if (this.peek() !== -1) this.fail('"," or the end of the statement after a row');
    } catch (error) {
      if (error instanceof InsertParseError) {
        error.rowsBefore = rows;
        error.rowByteOffset = rowStart;
      }
      throw error;
    }
    return header;
  }

  private row(sink: ValueSink): void {
    const start = this.pos;
    this.expect(0x28, '"(" to start a row');
    if (!this.take(0x29)) {
      do this.value(sink);
      while (this.take(0x2c));
      this.expect(0x29, '"," or ")" after a value');
    }
    sink.endRow(start, this.pos);
  }

  private value(sink: ValueSink): void {
    const c = this.peek();
    const s = this.s;
    const p = this.pos;
    if (c === QUOTE || c === DQUOTE) {
      this.string();
      return sink.string(this.vBuf, this.vStart, this.vEnd, false);
    }
    const n1 = s[p + 1] ?? -1;
    if ((c | 0x20) === 0x78 && n1 === QUOTE) return sink.hex(this.quotedHex());
    if ((c | 0x20) === 0x62 && n1 === QUOTE) return sink.bits(this.quotedBits());
    if (c === 0x30 && (n1 | 0x20) === 0x78 && isHex(s[p + 2] ?? -1)) return sink.hex(this.bareHex());
    if (c === 0x30 && (n1 | 0x20) === 0x62 && (s[p + 2] === 0x30 || s[p + 2] === 0x31)) {
      this.pos += 2;
      const start = this.pos;
      while (s[this.pos] === 0x30 || s[this.pos] === 0x31) this.pos++;
      this.endOfToken('a bit literal');
      return sink.bits(s.subarray(start, this.pos));
    }
    if (isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e) {
      const start = this.pos;
      this.number();
      return sink.number(s, start, this.pos);
    }
    if (c === 0x5f) return this.introduced(sink);
    if (c === 0x4e || c === 0x6e) {
      // NULL, checked without making a string: it is the most common bare word.
      if ((s[p + 1]! | 0x20) === 0x75 && (s[p + 2]! | 0x20) === 0x6c && (s[p + 3]! | 0x20) === 0x6c && !isWordByte(s[p + 4] ?? 0x20)) {
        this.pos = p + 4;
        return sink.null();
      }
    }
    this.fail('a value (string, number, NULL, hex or bit literal)');
  }

  /** `_binary '…'`, `_utf8mb4'…'`, `_binary 0x…`, optionally followed by COLLATE x. */
  private introduced(sink: ValueSink): void {
    const charset = (this.word() ?? '').toLowerCase();
    const c = this.peek();
    if (c === QUOTE || c === DQUOTE) {
      this.string();
      sink.string(this.vBuf, this.vStart, this.vEnd, charset === '_binary');
    }
    else if ((c | 0x20) === 0x78 && this.s[this.pos + 1] === QUOTE) sink.hex(this.quotedHex());
    else if (c === 0x30 && (this.s[this.pos + 1]! | 0x20) === 0x78) sink.hex(this.bareHex());
    else this.fail(`a string after the introducer ${charset}`);
    const save = this.pos;
    if (this.word() === 'COLLATE') this.word();
    else this.pos = save;
  }

  /** The last string read: `vBuf[vStart..vEnd)` (the statement itself, or `scratch`). */
  private vBuf: Uint8Array = EMPTY;
  private vStart = 0;
  private vEnd = 0;
  /** Reused for strings with escapes; grows to the longest one. */
  private scratch: Uint8Array = new Uint8Array(256);

  /** A quoted string, unescaped exactly as MySQL does; sets vBuf/vStart/vEnd. */
  private string(): void {
    const s = this.s;
    const q = s[this.pos]!;
    const start = ++this.pos;
    let i = start;
    while (i < s.length && s[i] !== q && s[i] !== BSL) i++;
    if (s[i] === q && s[i + 1] !== q) {
      this.pos = i + 1; // fast path: no escapes, the value is a range of the statement
      this.vBuf = s;
      this.vStart = start;
      this.vEnd = i;
      return;
    }
    let out = this.scratch;
    let o = 0;
    for (let k = start; k < i; k++) {
      if (o === out.length) out = this.growScratch();
      out[o++] = s[k]!;
    }
    for (;;) {
      if (i >= s.length) {
        this.pos = start - 1;
        this.fail(`the closing ${String.fromCharCode(q)} of the string starting here`, true);
      }
      if (o + 2 > out.length) out = this.growScratch();
      const b = s[i]!;
      if (b === BSL && i + 1 < s.length) {
        const e = s[i + 1]!;
        if (e === 0x25 || e === 0x5f) out[o++] = BSL; // \% and \_ keep their backslash
        out[o++] = ESCAPES[e] ?? e;
        i += 2;
      } else if (b === q) {
        if (s[i + 1] !== q) break;
        out[o++] = q;
        i += 2;
      } else {
        out[o++] = b;
        i++;
      }
    }
    this.pos = i + 1;
    this.vBuf = out;
    this.vStart = 0;
    this.vEnd = o;
  }

  private growScratch(): Uint8Array {
    const next = new Uint8Array(this.scratch.length * 2);
    next.set(this.scratch);
    return (this.scratch = next);
  }

  private quotedHex(): Uint8Array {
    const start = (this.pos += 2);
    while (isHex(this.s[this.pos] ?? -1)) this.pos++;
    const end = this.pos;
    this.expect(QUOTE, 'a hex digit or the closing quote');
    if ((end - start) % 2) {
      this.pos = start;
      this.fail("an even number of hex digits in X'…'");
    }
    return hexBytes(this.s, start, end);
  }

  private bareHex(): Uint8Array {
    const start = (this.pos += 2);
    while (isHex(this.s[this.pos] ?? -1)) this.pos++;
    const end = this.pos;
    this.endOfToken('a hex digit');
    return hexBytes(this.s, start, end);
  }

  private quotedBits(): Uint8Array {
    const start = (this.pos += 2);
    while (this.s[this.pos] === 0x30 || this.s[this.pos] === 0x31) this.pos++;
    const digits = this.s.subarray(start, this.pos);
    this.expect(QUOTE, "0, 1 or the closing quote of b'…'");
    return digits;
  }

  /** [+-]digits[.digits][e[+-]digits]: moves past it (the caller keeps the range). */
  private number(): void {
    const s = this.s;
    if (s[this.pos] === 0x2d || s[this.pos] === 0x2b) this.pos++;
    const intStart = this.pos;
    while (isDigit(s[this.pos] ?? -1)) this.pos++;
    let digits = this.pos - intStart;
    if (s[this.pos] === 0x2e) {
      const fracStart = ++this.pos;
      while (isDigit(s[this.pos] ?? -1)) this.pos++;
      digits += this.pos - fracStart;
    }
    if (digits === 0) this.fail('a digit');
    if (((s[this.pos] ?? 0) | 0x20) === 0x65) {
      this.pos++;
      if (s[this.pos] === 0x2d || s[this.pos] === 0x2b) this.pos++;
      if (!isDigit(s[this.pos] ?? -1)) this.fail('a digit in the exponent');
      while (isDigit(s[this.pos] ?? -1)) this.pos++;
    }
    this.endOfToken('a digit');
  }

  private endOfToken(expected: string): void {
    if (isWordByte(this.s[this.pos] ?? 0x20)) this.fail(expected);
  }

  /** An identifier: `back-quoted`, "double-quoted" (ANSI) or bare. */
  private identifier(): string {
    const c = this.peek();
    const s = this.s;
    if (c === BACKTICK || c === DQUOTE) {
      const start = ++this.pos;
      const out: number[] = [];
      for (let i = start; ; i++) {
        if (i >= s.length) {
          this.pos = start - 1;
          this.fail(`the closing ${String.fromCharCode(c)} of the identifier starting here`);
        }
        if (s[i] === c) {
          if (s[i + 1] !== c) {
            this.pos = i + 1;
            return utf8.decode(Uint8Array.from(out));
          }
          i++;
        }
        out.push(s[i]!);
      }
    }
    const start = this.pos;
    while (isWordByte(s[this.pos] ?? 0x20)) this.pos++;
    if (this.pos === start) this.fail('an identifier');
    return utf8.decode(s.subarray(start, this.pos));
  }

  /** The next word, which must be one of `words` (any case); fails naming `expected`. */
  private keyword<W extends string>(expected: string, ...words: W[]): W {
    const start = this.pos;
    const w = this.word();
    if (w === undefined || !(words as string[]).includes(w)) {
      this.pos = start;
      this.fail(expected);
    }
    return w as W;
  }

  /** The next bare word, upper-cased; undefined (position unchanged) when there is none. */
  private word(): string | undefined {
    this.skip();
    const start = this.pos;
    while (isWordByte(this.s[this.pos] ?? 0x20)) this.pos++;
    return this.pos > start ? utf8.decode(this.s.subarray(start, this.pos)).toUpperCase() : undefined;
  }

  /** Skips whitespace and comments; returns the next byte or -1 at the end. */
  private peek(): number {
    this.skip();
    return this.s[this.pos] ?? -1;
  }

  private take(b: number): boolean {
    if (this.peek() !== b) return false;
    this.pos++;
    return true;
  }

  private expect(b: number, expected: string): void {
    if (!this.take(b)) this.fail(expected);
  }

  private skip(): void {
    const s = this.s;
    for (;;) {
      const b = s[this.pos];
      if (b === undefined) return;
      if (isSpace(b)) this.pos++;
      else if (b === 0x2f && s[this.pos + 1] === 0x2a && s[this.pos + 2] !== 0x21) {
        const end = indexOf2(s, 0x2a, 0x2f, this.pos + 2);
        this.pos = end < 0 ? s.length : end + 2;
      } else if (b === 0x23 || (b === 0x2d && s[this.pos + 1] === 0x2d && (s[this.pos + 2] ?? 0) <= 0x20)) {
        while (this.pos < s.length && s[this.pos] !== 0x0a) this.pos++;
      } else return;
    }
  }

  /** Throws, naming the current position and what was expected there. */
  private fail(expected: string, unclosed = false): never {
    this.skip();
    const pos = this.pos;
    const rest = this.s.subarray(pos, pos + 20);
    const found = rest.length ? JSON.stringify(utf8.decode(rest)) : 'the end of the statement';
    const offset = utf8.decode(this.s.subarray(0, pos)).length;
    throw new InsertParseError(offset, pos, expected, found, unclosed || rest.length === 0);
  }
}

function indexOf2(s: Uint8Array, a: number, b: number, from: number): number {
  for (let i = from; i + 1 < s.length; i++) if (s[i] === a && s[i + 1] === b) return i;
  return -1;
}

function hexBytes(s: Uint8Array, start: number, end: number): Uint8Array {
  const digits = end - start;
  const out = new Uint8Array((digits + 1) >> 1);
  let i = start;
  let o = 0;
  const nibble = (b: number) => (b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x57);
  if (digits % 2) out[o++] = nibble(s[i++]!); // 0xABC is 0x0ABC
  for (; i < end; i += 2) out[o++] = (nibble(s[i]!) << 4) | nibble(s[i + 1]!);
  return out;
}

/** A string's bytes as text when they are valid UTF-8, else as bytes (nothing is lost). */
function textOrBytes(bytes: Uint8Array): Value {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return { kind: 'bytes', bytes: bytes.slice() };
  }
}
