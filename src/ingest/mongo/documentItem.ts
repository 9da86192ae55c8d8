import type { Document } from './document';

/** A document read from a file, or a reason why the text or bytes at that place are not one. */
export type DocumentItem = ReadDocument | UnreadableDocument;

interface Position {
  /** 1-based position among the file's documents (unreadable ones counted too). */
  row: number;
  /** Line it starts on (JSON only). */
  line?: number;
  byteOffset: number;
}

export interface ReadDocument extends Position {
  doc: Document;
  /** The document's bytes in the file, from byteOffset (to read exact dates back). */
  byteLength: number;
  /** The document's text (JSON only; to read exact dates back). */
  text?: string;
}

export interface UnreadableDocument extends Position {
  reason: string;
  /** The document's text (JSON) or its bytes as hex (BSON), for quarantine. */
  raw: string;
  /** The file ends inside it: the export is cut off here (the file's load fails). */
  truncated?: true;
}

export function isUnreadable(item: DocumentItem): item is UnreadableDocument {
  return 'reason' in item;
}
