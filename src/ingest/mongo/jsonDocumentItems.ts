import type { Document } from './document';
import type { DocumentItem } from './documentItem';
import { detectJsonLayout, splitJsonDocuments } from './jsonDocumentSplitter';
import { jsonLines } from './jsonLines';
import { DocumentParseError, parseJsonDocument, type JsonParseStats } from './parseJsonDocument';
import { topLevelDocument } from './topLevelDocument';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The documents of a mongoexport file, one at a time, in file order. */
export function* jsonDocumentItems(bytes: Uint8Array, stats?: JsonParseStats): Generator<DocumentItem> {
  const layout = detectJsonLayout(bytes);
  let row = 0;
  if (layout === 'lines') {
    for (const l of jsonLines(bytes)) {
      const text = l.text ?? lenientUtf8.decode(bytes.subarray(l.start, l.end));
      yield item(++row, l.line, l.start, l.end - l.start, text, l.text === undefined ? INVALID_UTF8 : undefined, stats);
    }
    return;
  }
  let cut = false;
  for (const chunk of splitJsonDocuments(bytes, layout)) {
    const raw = bytes.subarray(chunk.start, chunk.end);
    const n = chunk.end > chunk.start ? ++row : 0;
    // The array left open after a cut document is the same break: one quarantine row.
    if (cut && chunk.start === chunk.end) continue;
    if (chunk.problem) {
      cut ||= chunk.truncated === true;
      yield { row: n, line: chunk.line, byteOffset: chunk.start, reason: chunk.problem, raw: lenientUtf8.decode(raw), ...(chunk.truncated && { truncated: true }) };
      continue;
    }
    let text: string;
    try {
      text = strictUtf8.decode(raw);
    } catch {
      yield { row: n, line: chunk.line, byteOffset: chunk.start, reason: INVALID_UTF8, raw: lenientUtf8.decode(raw) };
      continue;
    }
    yield item(n, chunk.line, chunk.start, chunk.end - chunk.start, text, undefined, stats);
  }
}

const INVALID_UTF8 = 'invalid UTF-8 in the document (shown with replacement characters)';

function item(row: number, line: number, byteOffset: number, byteLength: number, text: string, problem?: string, stats?: JsonParseStats): DocumentItem {
  if (problem) return { row, line, byteOffset, reason: problem, raw: text };
  let doc: Document;
  try {
    doc = topLevelDocument(parseJsonDocument(text, stats));
  } catch (error) {
    if (!(error instanceof DocumentParseError)) throw error;
    return { row, line, byteOffset, reason: `${error.message}. Fix or remove this document and load the file again (the others loaded)`, raw: text };
  }
  return { row, line, byteOffset, byteLength, doc, text };
}
