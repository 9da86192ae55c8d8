import { deserialize, type DeserializeOptions } from 'bson';
import { bsonFrames } from './bsonFraming';
import { isDocument } from './document';
import type { DocumentItem } from './documentItem';
import { exactBsonDates } from './outOfRangeDate';
import { topLevelDocument } from './topLevelDocument';

/**
 * Keep every BSON type as itself: Long, Int32, Double and Decimal128 exact (no JS
 * numbers), binary as Binary with its subtype, regular expressions as BSONRegExp (a JS
 * RegExp would reject or alter some patterns and flags).
 */
const OPTIONS: DeserializeOptions = {
  promoteLongs: false,
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: true,
  useBigInt64: false,
};

/**
 * The documents of a `.bson` file in file order. A document bson rejects is unreadable
 * (the next one starts where its length says); a BsonFramingError from bsonFrames ends
 * the file and is passed on to the loader.
 */
export function* bsonDocumentItems(bytes: Uint8Array): Generator<DocumentItem> {
  let row = 0;
  for (const frame of bsonFrames(bytes)) {
    const position = { row: ++row, byteOffset: frame.offset };
    let value: unknown;
    try {
      value = topLevelDocument(deserialize(frame.bytes, OPTIONS));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      yield { ...position, reason: `bson could not read this document (${frame.bytes.length} bytes): ${message}`, raw: hex(frame.bytes) };
      continue;
    }
    if (!isDocument(value)) {
      yield { ...position, reason: 'bson did not return a document', raw: hex(frame.bytes) };
      continue;
    }
    yield { ...position, doc: value, exactDates: exactBsonDates(frame.bytes) };
  }
}

/** Upper-case hex, as DuckDB's hex() writes it; unhex() turns it back into the bytes. */
function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}
