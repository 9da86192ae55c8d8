/**
 * Finds the top-level documents in `mongoexport` output without parsing it as a whole
 * (a 1 GB export must never become one JSON.parse). Three layouts:
 *
 * - `lines`: one document per line, the default of mongoexport (and any NDJSON). A line
 *   is the unit, so one damaged line never swallows its neighbours (jsonLines.ts).
 * - `array`: `--jsonArray`, compact or `--pretty`: `[ {…}, {…} ]`.
 * - `concatenated`: `--pretty` without `--jsonArray`, documents one after another over
 *   many lines (the first line is a lone `{`).
 *
 * In the last two, a document ends where its braces balance, counted outside strings.
 * Every non-blank byte ends up in a chunk: a document, or a chunk with a `problem`
 * (stray text, a truncated document) that the loader quarantines. Works on bytes: the
 * structural characters are ASCII, so UTF-8 needs no decoding here.
 */

export type JsonLayout = 'lines' | 'array' | 'concatenated';

export interface JsonChunk {
  /** Byte range of the chunk in the file, `end` exclusive. */
  start: number;
  end: number;
  /** 1-based line the chunk starts on. */
  line: number;
  /** Set when the chunk is not a complete document (it is quarantined, not parsed). */
  problem?: string;
  /** The file ends inside this chunk (or its array): the export is cut off here. */
  truncated?: true;
}

const LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

function isBlank(b: number): boolean {
  return b === SPACE || b === LF || b === CR || b === TAB;
}

/** Where the content starts: after a UTF-8 byte order mark, if any. */
export function contentStart(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * The layout, from the first non-blank byte and line: `[` is an array; a first line that
 * is just `{` is pretty-printed documents; anything else is one document per line.
 */
export function detectJsonLayout(bytes: Uint8Array): JsonLayout {
  let i = contentStart(bytes);
  while (i < bytes.length && isBlank(bytes[i])) i++;
  if (bytes[i] === OPEN_BRACKET) return 'array';
  if (bytes[i] !== OPEN_BRACE) return 'lines';
  let j = i + 1;
  while (j < bytes.length && (bytes[j] === SPACE || bytes[j] === TAB || bytes[j] === CR)) j++;
  return j >= bytes.length || bytes[j] === LF ? 'concatenated' : 'lines';
}

/**
 * The documents of the array and concatenated layouts, by brace depth. (The lines layout
 * is read line by line, see jsonLines.ts.)
 */
export function* splitJsonDocuments(bytes: Uint8Array, layout: 'array' | 'concatenated' = detectJsonLayout(bytes) === 'array' ? 'array' : 'concatenated'): Generator<JsonChunk> {
  yield* new StructuralSplitter(bytes, layout === 'array').chunks();
}

/** Brace-depth scanning for the array and concatenated layouts. */
class StructuralSplitter {
  private pos: number;
  private line = 1;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inArray: boolean,
  ) {
    this.pos = contentStart(bytes);
  }

  *chunks(): Generator<JsonChunk> {
    const b = this.bytes;
    if (this.inArray) {
      this.skipBlank();
      this.pos++; // the '['
    }
    let closed = !this.inArray;
    for (;;) {
      this.skipBlank();
      if (this.pos >= b.length) break;
      const c = b[this.pos];
      if (this.inArray && !closed && c === COMMA) {
        this.pos++;
        continue;
      }
      if (this.inArray && !closed && c === CLOSE_BRACKET) {
        closed = true;
        this.pos++;
        continue;
      }
      if (closed && this.inArray) {
        yield this.rest('text after the end of the JSON array');
        break;
      }
      yield this.value();
    }
    if (!closed) {
      yield { start: b.length, end: b.length, line: this.line, problem: "the JSON array is not closed with ']': the file may be truncated", truncated: true };
    }
  }

  /** One value at depth 0: a document, or something else that is reported as a problem. */
  private value(): JsonChunk {
    const b = this.bytes;
    const start = this.pos;
    const line = this.line;
    const isDocument = b[start] === OPEN_BRACE;
    const stack: number[] = [];
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (c === QUOTE) {
        if (!this.skipString()) return { start, end: b.length, line, problem: 'the file ends inside a string: the document is truncated', truncated: true };
        if (stack.length === 0) break;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) stack.push(c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (stack.length === 0) break; // a closer of the enclosing array: not ours
        if (stack.pop() !== c) {
          // Mismatched brackets: end the chunk here (JSON.parse will say why) and let
          // the scanner resynchronise on what follows.
          this.pos++;
          return { start, end: this.pos, line, problem: `mismatched '${String.fromCharCode(c)}': the document is malformed` };
        }
        if (stack.length === 0) {
          this.pos++;
          break;
        }
      } else if (stack.length === 0 && (c === COMMA || isBlank(c))) break;
      else if (c === LF) this.line++;
      this.pos++;
    }
    if (stack.length > 0) return { start, end: b.length, line, problem: 'the file ends inside a document: it is truncated', truncated: true };
    if (this.pos === start) {
      // A lone closer at depth 0 (outside an array, or after a mismatch): stray text.
      this.pos++;
      return { start, end: this.pos, line, problem: `unexpected '${String.fromCharCode(b[start])}' between documents` };
    }
    return isDocument ? { start, end: this.pos, line } : { start, end: this.pos, line, problem: 'not a document (expected a JSON object)' };
  }

  /** Skips a string from its opening quote; false when the file ends inside it. */
  private skipString(): boolean {
    const b = this.bytes;
    let i = this.pos + 1;
    for (;;) {
      const q = b.indexOf(QUOTE, i);
      if (q < 0) {
        this.countLines(this.pos, b.length);
        this.pos = b.length;
        return false;
      }
      let backslashes = 0;
      for (let k = q - 1; k > this.pos && b[k] === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) {
        this.countLines(this.pos, q);
        this.pos = q + 1;
        return true;
      }
      i = q + 1;
    }
  }

  private rest(problem: string): JsonChunk {
    const chunk = { start: this.pos, end: this.bytes.length, line: this.line, problem };
    this.pos = this.bytes.length;
    return chunk;
  }

  private skipBlank(): void {
    const b = this.bytes;
    while (this.pos < b.length && isBlank(b[this.pos])) {
      if (b[this.pos] === LF) this.line++;
      this.pos++;
    }
  }

  /** Raw newlines are invalid inside JSON strings, but a damaged file may have them. */
  private countLines(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.bytes[i] === LF) this.line++;
  }
}
