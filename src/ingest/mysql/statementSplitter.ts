/**
 * Streaming statement splitter for mysqldump / mariadb-dump output.
 *
 * Works on bytes, not text: every byte the syntax cares about is ASCII, and in UTF-8 every
 * byte of a multi-byte character is >= 0x80, so a byte scanner never mistakes part of a
 * character (or a raw BLOB byte) for a quote or a delimiter. Each statement keeps its exact
 * bytes; its text is decoded (UTF-8, invalid sequences become U+FFFD) only when asked for.
 * Only the statement being scanned is buffered, never the whole file.
 *
 * Plain TypeScript: no Node built-ins, no DOM (runs in a Web Worker).
 */

import { Statement, type SplitEnd, type SplitError, type SqlStatement } from './sqlStatement';

export type { SplitEnd, SplitError, SqlStatement } from './sqlStatement';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const enum S {
  Between, // skipping whitespace and comments before a statement
  Code,
  Str, // inside '…', "…" or `…`
  LineComment,
  BlockComment,
  DelimiterLine, // the rest of a `DELIMITER x` line
  CommandComment, // `/*M!999999\- … */`: a statement that ends at `*/`, no delimiter
}

const SEMI = 0x3b, NL = 0x0a, BSL = 0x5c, SLASH = 0x2f, STAR = 0x2a, DASH = 0x2d, HASH = 0x23;
const BANG = 0x21, BACKTICK = 0x60;
const DELIMITER = 'delimiter';

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

/**
 * The longest statement buffered: mysqldump splits INSERTs at --net-buffer-length (1 MiB by
 * default, 16 MiB at most), so a statement past this is a quote that never closes, and
 * without a limit the rest of the file would pile up in memory as one statement.
 */
export const DEFAULT_MAX_STATEMENT_BYTES = 64 * 1024 * 1024;

/** A statement grew past the limit: `error` holds its start and its first bytes. */
export class StatementTooLarge extends Error {
  override readonly name = 'StatementTooLarge';
  constructor(
    readonly error: SplitError,
    /** Where reading stopped: the file offset after the last byte buffered. */
    readonly readTo: number,
  ) {
    super(error.message);
  }
}

export class StatementSplitter {
  constructor(private readonly maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES) {}

  private buf = new Uint8Array(64 * 1024);
  private len = 0;
  private pos = 0;
  /** Absolute file offset of buf[0]. */
  private base = 0;
  private ended = false;
  private state: S = S.Between;
  private commentReturn: S = S.Between;
  private quote = 0;
  private delim: Uint8Array = Uint8Array.of(SEMI);
  private delimLine: number[] = [];
  private line = 1;
  private count = 0;
  /** Index in buf of the current statement's first byte, or -1 between statements. */
  private stmtStart = -1;
  private stmtLine = 0;
  private commentLine = 0;
  private commentOffset = 0;

  /** The line the scan has reached: after end(), the file's last line. */
  get lineCount(): number {
    return this.line;
  }

  /** Feeds the next chunk; returns the statements it completed. */
  push(chunk: Uint8Array): SqlStatement[] {
    if (this.ended) throw new Error('StatementSplitter: push() after end()');
    this.append(chunk);
    const out: SqlStatement[] = [];
    this.scan(out);
    if (this.stmtStart >= 0 && this.len - this.stmtStart > this.maxStatementBytes) {
      const start = this.stmtStart;
      throw new StatementTooLarge(
        {
          kind: 'oversized-statement',
          message: `statement ${this.count + 1} at line ${this.stmtLine} is longer than ${this.maxStatementBytes} bytes without ending`,
          line: this.stmtLine,
          index: this.count + 1,
          byteOffset: this.base + start,
          bytes: this.buf.slice(start, this.len),
        },
        this.base + this.len,
      );
    }
    return out;
  }

  /** Signals the end of input; returns the last statements and any unfinished one as an error. */
  end(): SplitEnd {
    const statements: SqlStatement[] = [];
    if (!this.ended) {
      this.ended = true;
      this.scan(statements);
    }
    let error: SplitError | undefined;
    if (this.stmtStart >= 0) {
      const bytes = this.buf.slice(this.stmtStart, trimEnd(this.buf, this.stmtStart, this.len));
      error = {
        kind: 'truncated-statement',
        message: `statement ${this.count + 1} at line ${this.stmtLine} is not terminated by "${decoder.decode(this.delim)}" before the end of the file`,
        line: this.stmtLine,
        index: this.count + 1,
        byteOffset: this.base + this.stmtStart,
        bytes,
      };
    } else if (this.state === S.BlockComment) {
      error = {
        kind: 'unterminated-comment',
        message: `comment opened at line ${this.commentLine} is not closed before the end of the file`,
        line: this.commentLine,
        index: this.count + 1,
        byteOffset: this.commentOffset,
        bytes: new Uint8Array(0),
      };
    }
    this.stmtStart = -1;
    return error ? { statements, error } : { statements };
  }

  private append(chunk: Uint8Array): void {
    const keep = this.stmtStart >= 0 ? this.stmtStart : this.pos;
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.len);
      this.len -= keep;
      this.pos -= keep;
      this.base += keep;
      if (this.stmtStart >= 0) this.stmtStart -= keep;
    }
    if (this.len + chunk.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + chunk.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Byte at i, -1 when more input is needed, -2 at the end of input. */
  private at(i: number): number {
    return i < this.len ? this.buf[i]! : this.ended ? -2 : -1;
  }

  private emit(out: SqlStatement[], end: number): void {
    const start = this.stmtStart;
    const bytes = this.buf.slice(start, trimEnd(this.buf, start, end));
    out.push(new Statement(bytes, this.stmtLine, this.base + start, ++this.count));
    this.stmtStart = -1;
  }

  private startStatement(pos: number, state: S): void {
    this.stmtStart = pos;
    this.stmtLine = this.line;
    this.state = state;
  }

  /** Whether the delimiter starts at i: 1 yes, 0 no, -1 need more input. */
  private delimAt(i: number): number {
    const d = this.delim;
    for (let k = 0; k < d.length; k++) {
      const c = this.at(i + k);
      if (c === -1) return -1;
      if (c !== d[k]) return 0;
    }
    return 1;
  }

  private scan(out: SqlStatement[]): void {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    if (this.base === 0 && pos === 0) {
      // A UTF-8 byte order mark at the start of the file is not part of any statement.
      if (len < 3 && !this.ended) return;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    scan: while (pos < len) {
      const b = buf[pos]!;
      switch (this.state) {
        case S.Between: {
          if (isSpace(b)) {
            if (b === NL) this.line++;
            pos++;
          } else if (b === HASH) {
            this.enterComment(S.LineComment, S.Between, pos);
            pos++;
          } else if (b === DASH) {
            const kind = this.dashDashAt(pos);
            if (kind === -1) break scan;
            if (kind === 1) {
              this.enterComment(S.LineComment, S.Between, pos);
              pos += 2;
            } else this.startStatement(pos, S.Code);
          } else if (b === SLASH) {
            const kind = this.slashAt(pos);
            if (kind === -1) break scan;
            if (kind === 1) {
              this.enterComment(S.BlockComment, S.Between, pos);
              pos += 2;
            } else this.startStatement(pos, kind === 3 ? S.CommandComment : S.Code);
          } else if (b === 0x64 || b === 0x44) {
            const kind = this.delimiterCommandAt(pos);
            if (kind === -1) break scan;
            if (kind === 1) {
              this.state = S.DelimiterLine;
              this.delimLine = [];
              pos += DELIMITER.length;
            } else this.startStatement(pos, S.Code);
          } else if (b === this.delim[0]) {
            const d = this.delimAt(pos);
            if (d === -1) break scan;
            if (d === 1) pos += this.delim.length; // an empty statement
            else this.startStatement(pos, S.Code);
          } else this.startStatement(pos, S.Code);
          break;
        }
        case S.Code: {
          if (b === 0x27 || b === 0x22 || b === BACKTICK) {
            this.quote = b;
            this.state = S.Str;
            pos++;
          } else if (b === this.delim[0]) {
            const d = this.delimAt(pos);
            if (d === -1) break scan;
            if (d === 1) {
              this.emit(out, pos);
              this.state = S.Between;
              pos += this.delim.length;
            } else pos++;
          } else if (b === HASH) {
            this.enterComment(S.LineComment, S.Code, pos);
            pos++;
          } else if (b === DASH) {
            const kind = this.dashDashAt(pos);
            if (kind === -1) break scan;
            if (kind === 1) {
              this.enterComment(S.LineComment, S.Code, pos);
              pos += 2;
            } else pos++;
          } else if (b === SLASH) {
            const kind = this.slashAt(pos);
            if (kind === -1) break scan;
            if (kind === 1) {
              this.enterComment(S.BlockComment, S.Code, pos);
              pos += 2;
            } else pos++;
          } else {
            if (b === NL) this.line++;
            pos++;
          }
          break;
        }
        case S.Str: {
          // Tight loop to the closing quote; a doubled quote simply closes and reopens.
          const q = this.quote;
          const escapes = q !== BACKTICK;
          let i = pos;
          while (i < len) {
            const c = buf[i]!;
            if (c === q) break;
            if (c === BSL && escapes) {
              if (i + 1 >= len) break;
              if (buf[i + 1] === NL) this.line++;
              i += 2;
              continue;
            }
            if (c === NL) this.line++;
            i++;
          }
          if (i >= len) {
            pos = i;
            break;
          }
          if (buf[i] === BSL) {
            pos = i; // backslash is the last byte so far: wait for the escaped byte
            if (this.ended) pos = len;
            break scan;
          }
          pos = i + 1;
          this.state = S.Code;
          break;
        }
        case S.LineComment: {
          if (b === NL) {
            this.line++;
            this.state = this.commentReturn;
          }
          pos++;
          break;
        }
        case S.BlockComment:
        case S.CommandComment: {
          if (b === STAR) {
            const c = this.at(pos + 1);
            if (c === -1) break scan;
            if (c === SLASH) {
              pos += 2;
              if (this.state === S.CommandComment) {
                this.emit(out, pos);
                this.state = S.Between;
              } else this.state = this.commentReturn;
              break;
            }
          }
          if (b === NL) this.line++;
          pos++;
          break;
        }
        case S.DelimiterLine: {
          pos++;
          if (b === NL) {
            this.line++;
            this.setDelimiter();
          } else this.delimLine.push(b);
          break;
        }
      }
    }
    if (this.ended && this.state === S.DelimiterLine) this.setDelimiter();
    this.pos = pos;
  }

  private enterComment(state: S, ret: S, pos: number): void {
    this.state = state;
    this.commentReturn = ret;
    this.commentLine = this.line;
    this.commentOffset = this.base + pos;
  }

  /** Whether a `-- ` comment (`--` then a space, control character or the end) starts at i. */
  private dashDashAt(i: number): number {
    const n = this.at(i + 1);
    if (n !== DASH) return n === -1 ? -1 : 0;
    const c = this.at(i + 2);
    if (c === -1) return -1;
    return c === -2 || c <= 0x20 ? 1 : 0;
  }

  /**
   * What a `/` at i starts: 0 not a comment (or a versioned comment `/*!…`, which is code),
   * 1 a plain comment, 3 a client-command comment `/*M!999999\-…*\/`, -1 need more input.
   */
  private slashAt(i: number): number {
    const star = this.at(i + 1);
    if (star === -1) return -1;
    if (star !== STAR) return 0;
    let k = i + 2;
    let c = this.at(k);
    if (c === -1) return -1;
    if (c === 0x4d) {
      c = this.at(++k);
      if (c === -1) return -1;
    }
    if (c !== BANG) return 1;
    if (this.state !== S.Between) return 0;
    for (let digits = 0; ; digits++) {
      c = this.at(++k);
      if (c === -1) return -1;
      if (c < 0x30 || c > 0x39 || digits > 10) break;
    }
    return c === BSL ? 3 : 0;
  }

  /** Whether `DELIMITER ` (any case) starts at i: 1 yes, 0 no, -1 need more input. */
  private delimiterCommandAt(i: number): number {
    for (let k = 0; k <= DELIMITER.length; k++) {
      const c = this.at(i + k);
      if (c === -1) return -1;
      if (k === DELIMITER.length) return c === 0x20 || c === 0x09 ? 1 : 0;
      if ((c | 0x20) !== DELIMITER.charCodeAt(k)) return 0;
    }
    return 0;
  }

  private setDelimiter(): void {
    const text = decoder.decode(Uint8Array.from(this.delimLine)).trim().split(/\s+/)[0] ?? '';
    if (text !== '') this.delim = new TextEncoder().encode(text);
    this.delimLine = [];
    this.state = S.Between;
  }
}

function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && isSpace(buf[end - 1]!)) end--;
  return end;
}

/** Splits a whole input given as chunks (convenience for tests and small files). */
export function splitStatements(chunks: Iterable<Uint8Array>): SplitEnd {
  const splitter = new StatementSplitter();
  const statements: SqlStatement[] = [];
  for (const chunk of chunks) for (const s of splitter.push(chunk)) statements.push(s);
  const last = splitter.end();
  statements.push(...last.statements);
  return last.error ? { statements, error: last.error } : { statements };
}
