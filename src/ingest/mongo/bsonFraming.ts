/**
 * Document boundaries in a mongodump `.bson` file: BSON documents back to back, each
 * starting with its total length (int32, little-endian, the 4 bytes included). Only the
 * framing is read here; decoding a document is bson's `deserialize`.
 */
export interface BsonFrame {
  /** Byte offset of the document in the file. */
  offset: number;
  length: number;
}

/**
 * The framing is lost: a length prefix is impossible or points past the end of the file.
 * Nothing after `byteOffset` can be located, so the file stops there.
 */
export class BsonFramingError extends Error {
  override readonly name = 'BsonFramingError';
  constructor(
    readonly byteOffset: number,
    readonly detail: string,
    /** Bytes from `byteOffset` to the end of the file that were not read. */
    readonly unreadBytes: number,
  ) {
    super(`byte ${byteOffset}: ${detail}`);
  }
}

/** The smallest document: length (4) + terminating NUL (1). */
const MIN_DOCUMENT = 5;
/** MongoDB's largest internal document (16 MiB + 16 KiB); a larger prefix is damage. */
export const MAX_DOCUMENT = 16 * 1024 * 1024 + 16 * 1024;

/** The length of the document at `offset`, checked against the file; throws BsonFramingError. */
export function frameLength(bytes: Uint8Array, offset: number): number {
  const left = bytes.length - offset;
  if (left < 4) {
    throw new BsonFramingError(offset, `the file ends ${left} byte(s) into a document's length prefix: it is truncated`, left);
  }
  const length = (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));
  if (length < MIN_DOCUMENT || length > MAX_DOCUMENT) {
    throw new BsonFramingError(offset, `invalid document length ${length} (a BSON document is 5 bytes to 16 MiB): the file is damaged or not BSON`, left);
  }
  if (length > left) {
    throw new BsonFramingError(offset, `a document of ${length} bytes starts here but only ${left} byte(s) are left: the file is truncated`, left);
  }
  return length;
}

/** Every document's frame, in order; throws BsonFramingError where the framing is lost. */
export function* bsonFrames(bytes: Uint8Array): Generator<BsonFrame> {
  for (let offset = 0; offset < bytes.length; ) {
    const length = frameLength(bytes, offset);
    yield { offset, length };
    offset += length;
  }
}
