import { BSON, Double, Int32, Long, ObjectId } from 'bson';
import type { Document } from './document';

const { parseToElements, ByteUtils, NumberUtils } = BSON.onDemand;
/** [type, name offset, name length, value offset, value length] (bson does not export the type). */
type BSONElement = typeof BSON.onDemand.BSONElement;

// BSON element types read here; any other type (embedded document, array, binary, …) is
// left to bson's deserialize.
const DOUBLE = 0x01;
const STRING = 0x02;
const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;
const DATE = 0x09;
const NULL = 0x0a;
const INT32 = 0x10;
const INT64 = 0x12;

/**
 * A fast path for flat documents (the common shape of a mongodump collection: ObjectId,
 * strings, numbers, booleans, dates, null). bson's own element parser
 * (`BSON.onDemand.parseToElements`, what the MongoDB driver reads replies with) finds the
 * elements; their values are built with bson's classes and byte helpers exactly as
 * `deserialize(bytes, { promoteValues: false, … })` builds them. What makes it faster in
 * the browser: a field name whose bytes equal the previous document's name at the same
 * place is not decoded again (bson decodes every name of every document, through a
 * TextDecoder call for names over 20 bytes).
 *
 * Returns undefined for anything else — another element type, a `$` name (DBRef) or
 * `__proto__`, a boolean byte other than 0/1, a malformed string, invalid UTF-8, a
 * structure parseToElements refuses — and the caller takes bson's deserialize, which also
 * words the errors. `flatBsonDocument.test.ts` checks it against deserialize.
 */
export class FlatBsonReader {
  private readonly names: string[] = [];
  private readonly nameBytes: Uint8Array[] = [];

  read(bytes: Uint8Array, offset: number): Document | undefined {
    let elements: Iterable<BSONElement>;
    try {
      elements = parseToElements(bytes, offset);
    } catch {
      return undefined;
    }
    const doc: Document = {};
    let i = 0;
    for (const [type, nameOffset, nameLength, at, length] of elements) {
      const name = this.name(bytes, i++, nameOffset, nameLength);
      if (name === undefined) return undefined;
      let value: unknown;
      switch (type) {
        case DOUBLE:
          value = new Double(NumberUtils.getFloat64LE(bytes, at));
          break;
        case STRING: {
          value = this.string(bytes, at, length);
          if (value === undefined) return undefined;
          break;
        }
        case OBJECT_ID:
          value = new ObjectId(bytes.subarray(at, at + 12));
          break;
        case BOOLEAN:
          if (bytes[at] > 1) return undefined;
          value = bytes[at] === 1;
          break;
        case DATE:
          value = new Date(new Long(NumberUtils.getInt32LE(bytes, at), NumberUtils.getInt32LE(bytes, at + 4)).toNumber());
          break;
        case NULL:
          value = null;
          break;
        case INT32:
          value = new Int32(NumberUtils.getInt32LE(bytes, at));
          break;
        case INT64:
          value = new Long(NumberUtils.getInt32LE(bytes, at), NumberUtils.getInt32LE(bytes, at + 4));
          break;
        default:
          return undefined;
      }
      doc[name] = value;
    }
    return doc;
  }

  /** The element's name: the one remembered at this place when the bytes are the same. */
  private name(bytes: Uint8Array, place: number, start: number, length: number): string | undefined {
    const known = this.nameBytes[place];
    if (known !== undefined && known.length === length && sameBytes(known, bytes, start)) return this.names[place];
    // Names are decoded without UTF-8 validation, as deserialize does.
    const name = ByteUtils.toUTF8(bytes, start, start + length, false);
    // `$` names may make a DBRef, `__proto__` needs defineProperty: bson's path.
    if (name.charCodeAt(0) === 0x24 || name === '__proto__') return undefined;
    this.names[place] = name;
    this.nameBytes[place] = bytes.slice(start, start + length);
    return name;
  }

  /** A string element: int32 size (its NUL included), UTF-8 bytes, NUL — checked as deserialize checks it. */
  private string(bytes: Uint8Array, at: number, length: number): string | undefined {
    const size = NumberUtils.getInt32LE(bytes, at);
    if (size <= 0 || size !== length - 4 || bytes[at + 4 + size - 1] !== 0) return undefined;
    const start = at + 4;
    const end = start + size - 1;
    const ascii = end - start <= SHORT ? shortAscii(bytes, start, end) : undefined;
    if (ascii !== undefined) return ascii;
    try {
      return ByteUtils.toUTF8(bytes, start, end, true);
    } catch {
      return undefined;
    }
  }
}

/**
 * Short ASCII strings (most strings of a collection: ids, codes, names) without a
 * TextDecoder call, which in the browser costs more than the string: the bytes are the
 * character codes. Undefined when a byte is not ASCII.
 */
const SHORT = 64;
const codes: number[][] = Array.from({ length: SHORT + 1 }, (_, n) => new Array<number>(n).fill(0));

function shortAscii(bytes: Uint8Array, start: number, end: number): string | undefined {
  const n = end - start;
  const chars = codes[n];
  for (let k = 0; k < n; k++) {
    const b = bytes[start + k];
    if (b >= 0x80) return undefined;
    chars[k] = b;
  }
  return String.fromCharCode.apply(null, chars);
}

function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let k = 0; k < known.length; k++) if (known[k] !== bytes[start + k]) return false;
  return true;
}
