import { BSON, deserialize, type DeserializeOptions } from 'bson';
import { frameLength } from './bsonFraming';
import { FlatBsonReader } from './flatBsonDocument';
import { isDocument } from './document';
import type { DocumentItem } from './documentItem';
import { topLevelDocument } from './topLevelDocument';
import { isTooDeep, TOO_DEEP } from './nestingDepth';

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
 * (the next one starts where its length says); a BsonFramingError from frameLength ends
 * the file and is passed on to the loader.
 *
 * bson reads each document in place (`index` into the whole file, as its own
 * deserializeStream does), so no view or Buffer is made per document; it still checks
 * that the document ends exactly where its length says. Flat documents take a faster path
 * with the same result (FlatBsonReader).
 */
export function* bsonDocumentItems(bytes: Uint8Array): Generator<DocumentItem> {
  const local = BSON.onDemand.ByteUtils.toLocalBufferType(bytes);
  const options = { ...OPTIONS, index: 0, allowObjectSmallerThanBufferSize: true };
  const flat = new FlatBsonReader();
  let row = 0;
  for (let offset = 0; offset < bytes.length; ) {
    const length = frameLength(bytes, offset);
    row++;
    options.index = offset;
    let value: unknown;
    let problem: string | undefined;
    try {
      const flatDoc = flat.read(bytes, offset);
      value = flatDoc ?? topLevelDocument(deserialize(local, options));
      if (!isDocument(value)) problem = 'bson did not return a document';
      // A flat document has one level; a nested one is checked against MongoDB's limit.
      else if (!flatDoc && isTooDeep(value)) problem = `this document (${length} bytes) is ${TOO_DEEP}. Remove it or dump the collection again (the others loaded)`;
    } catch (error) {
      // bson reads nested documents recursively: far past the limit, it runs out of stack.
      problem = error instanceof RangeError && /call stack/i.test(error.message)
        ? `this document (${length} bytes) is ${TOO_DEEP} (bson ran out of stack reading it). Remove it or dump the collection again (the others loaded)`
        : `bson could not read this document (${length} bytes): ${error instanceof Error ? error.message : String(error)}`;
    }
    if (problem) yield { row, byteOffset: offset, reason: problem, raw: hex(bytes.subarray(offset, offset + length)) };
    else yield { row, byteOffset: offset, byteLength: length, doc: value as Record<string, unknown> };
    offset += length;
  }
}

/** Upper-case hex, as DuckDB's hex() writes it; unhex() turns it back into the bytes. */
function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}
