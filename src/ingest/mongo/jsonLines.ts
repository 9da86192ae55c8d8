import { contentStart } from './jsonDocumentSplitter';

/** One non-blank line of a one-document-per-line export, without its surrounding blanks. */
export interface JsonLine {
  /** The line's text; undefined when its bytes are not valid UTF-8. */
  text: string | undefined;
  /** Byte offset of the line's first non-blank byte, and the end (exclusive) of its last. */
  start: number;
  end: number;
  /** 1-based line number. */
  line: number;
}

/** Bytes decoded at once: one TextDecoder call per block, not per line (that cost ~1 µs a line). */
const BLOCK_BYTES = 1 << 20;
const LF = 0x0a;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The lines of mongoexport's default layout (one document per line, any NDJSON). Blocks
 * of whole lines are decoded together and split on `\n`; an LF byte is always a line
 * break in UTF-8, so the string's lines and the bytes' lines correspond one to one and
 * byte offsets come from the bytes. A block with invalid UTF-8 is decoded line by line,
 * so only the bad lines are reported.
 */
export function* jsonLines(bytes: Uint8Array): Generator<JsonLine> {
  let pos = contentStart(bytes);
  let line = 1;
  while (pos < bytes.length) {
    let end = pos + BLOCK_BYTES >= bytes.length ? bytes.length : bytes.lastIndexOf(LF, pos + BLOCK_BYTES);
    if (end < pos) end = nextLineEnd(bytes, pos + BLOCK_BYTES); // one line longer than a block
    const block = bytes.subarray(pos, end);
    let text: string | undefined;
    try {
      text = strict.decode(block);
    } catch {
      text = undefined;
    }
    const lines = text === undefined ? undecodedLines(block) : blockLines(block, text);
    for (let l = lines.next(); ; l = lines.next()) {
      if (l.done) {
        line += l.value; // the generators return how many lines the block had
        break;
      }
      yield { text: l.value.text, start: pos + l.value.start, end: pos + l.value.end, line: line + l.value.index };
    }
    pos = end + 1;
  }
}

interface BlockLine {
  text: string | undefined;
  start: number;
  end: number;
  /** Line index within the block. */
  index: number;
}

function* blockLines(block: Uint8Array, text: string): Generator<BlockLine, number> {
  const ascii = text.length === block.length; // then character offsets are byte offsets
  let byteStart = 0;
  let charStart = 0;
  let index = 0;
  for (; charStart <= text.length; index++) {
    let charEnd = text.indexOf('\n', charStart);
    if (charEnd < 0) charEnd = text.length;
    let byteEnd = ascii ? charEnd : block.indexOf(LF, byteStart);
    if (byteEnd < 0) byteEnd = block.length;
    let a = charStart;
    let b = charEnd;
    while (a < b && isBlank(text.charCodeAt(a))) a++;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    if (b > a) {
      // Blanks are ASCII: as many bytes as characters are trimmed at each end.
      yield { text: text.slice(a, b), start: byteStart + (a - charStart), end: byteEnd - (charEnd - b), index };
    }
    charStart = charEnd + 1;
    byteStart = byteEnd + 1;
  }
  return index;
}

function* undecodedLines(block: Uint8Array): Generator<BlockLine, number> {
  let pos = 0;
  let index = 0;
  for (; pos <= block.length; index++) {
    let next = block.indexOf(LF, pos);
    if (next < 0) next = block.length;
    let a = pos;
    let b = next;
    while (a < b && isBlank(block[a])) a++;
    while (b > a && isBlank(block[b - 1])) b--;
    if (b > a) {
      let text: string | undefined;
      try {
        text = strict.decode(block.subarray(a, b));
      } catch {
        text = undefined;
      }
      yield { text, start: a, end: b, index };
    }
    pos = next + 1;
  }
  return index;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function nextLineEnd(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(LF, from);
  return i < 0 ? bytes.length : i;
}
