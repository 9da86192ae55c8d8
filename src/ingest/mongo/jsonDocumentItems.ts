import type { Document } from './document';
import type { DocumentItem } from './documentItem';
import { splitJsonDocuments } from './jsonDocumentSplitter';
import { exactJsonDates } from './outOfRangeDate';
import { DocumentParseError, parseJsonDocument } from './parseJsonDocument';
import { topLevelDocument } from './topLevelDocument';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The documents of a mongoexport file, one at a time, in file order. */
export function* jsonDocumentItems(bytes: Uint8Array): Generator<DocumentItem> {
  let row = 0;
  for (const chunk of splitJsonDocuments(bytes)) {
    const raw = bytes.subarray(chunk.start, chunk.end);
    const position = { row: chunk.end > chunk.start ? ++row : 0, line: chunk.line, byteOffset: chunk.start };
    if (chunk.problem) {
      yield { ...position, reason: chunk.problem, raw: lenientUtf8.decode(raw) };
      continue;
    }
    let text: string;
    try {
      text = strictUtf8.decode(raw);
    } catch {
      yield { ...position, reason: 'invalid UTF-8 in the document (shown with replacement characters)', raw: lenientUtf8.decode(raw) };
      continue;
    }
    let doc: Document;
    try {
      doc = topLevelDocument(parseJsonDocument(text));
    } catch (error) {
      if (!(error instanceof DocumentParseError)) throw error;
      yield { ...position, reason: error.message, raw: text };
      continue;
    }
    yield { ...position, doc, exactDates: exactJsonDates(text) };
  }
}
