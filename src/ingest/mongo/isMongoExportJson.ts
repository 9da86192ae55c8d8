import { contentStart } from './jsonDocumentSplitter';

/**
 * Whether bytes look like JSON documents as mongoexport writes them (and any NDJSON or
 * JSON array of objects): the first non-blank byte is `{`, or `[` followed by `{` or `]`.
 * A cheap sniff of the first bytes; the loader still checks every document.
 */
export function isMongoExportJson(bytes: Uint8Array): boolean {
  let i = firstNonBlank(bytes, contentStart(bytes));
  if (bytes[i] === 0x7b) return true;
  if (bytes[i] !== 0x5b) return false;
  i = firstNonBlank(bytes, i + 1);
  return bytes[i] === 0x7b || bytes[i] === 0x5d;
}

/** The offset of the first byte that is not JSON whitespace, or bytes.length. */
export function firstNonBlank(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}
