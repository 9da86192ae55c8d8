import { Double, Int32, Long, ObjectId } from 'bson';
import type { Document } from './document';

/**
 * A fast path for the documents mongoexport writes by default (relaxed Extended JSON):
 * plain JSON values plus `{"$oid": …}` and `{"$date": "<ISO text>"}`. bson's EJSON.parse
 * revives every value through a JSON.parse reviver, which V8 runs ~6× slower than a plain
 * JSON.parse (200k product documents: 1.7 s vs 0.3 s). Here the document is parsed by
 * JSON.parse and its values are converted in place to exactly what
 * `EJSON.parse(text, { relaxed: false })` gives (the same bson classes, built the same
 * way); anything else — another `$` wrapper, a `$`-key, a key with NUL, an integer
 * JSON.parse may have rounded (beyond ±2^53), invalid JSON — returns undefined and the
 * caller takes bson's full path, which also makes big integers exact and words the errors.
 */
export function parseCommonExtendedJson(text: string): Document | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return convertDocument(value as Document) ? (value as Document) : undefined;
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
/** ISO dates as mongoexport writes them for years 1970–9999; other texts take bson's path. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
/** Small integers are shared: most numbers in documents are counts, sizes and flags. */
const SMALL_INT32: Int32[] = Array.from({ length: 1 << 16 }, (_, i) => new Int32(i - 1024));

/** Converts a plain document's values in place; false when it needs bson's full path. */
function convertDocument(doc: Document): boolean {
  for (const key in doc) {
    // `$` keys are wrappers or operators for bson to judge; a NUL in a key is an error
    // bson words; assigning to `__proto__` would set the prototype instead of the field.
    if (key.charCodeAt(0) === 0x24 || key.includes('\0') || key === '__proto__') return false;
    const value = doc[key];
    // Strings, booleans and null stay as they are: no store (most fields of most documents).
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) continue;
    const converted = convertValue(value);
    if (converted === FULL_PATH) return false;
    doc[key] = converted;
  }
  return true;
}

const FULL_PATH = Symbol('full path');

function convertValue(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return convertNumber(value);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const converted = convertValue(value[i]);
      if (converted === FULL_PATH) return FULL_PATH;
      value[i] = converted;
    }
    return value;
  }
  const doc = value as Document;
  const first = firstKey(doc);
  if (first === undefined || first.charCodeAt(0) !== 0x24) return convertDocument(doc) ? doc : FULL_PATH;
  if (!hasOneKey(doc)) return FULL_PATH;
  const inner = doc[first];
  // `new ObjectId(hex)` reads the digits straight into the id (createFromHexString, as bson's
  // EJSON does, goes through a byte buffer): the same ObjectId.
  if (first === '$oid' && typeof inner === 'string' && OBJECT_ID.test(inner)) return new ObjectId(inner);
  if (first === '$date' && typeof inner === 'string' && ISO_DATE.test(inner)) return new Date(Date.parse(inner));
  return FULL_PATH;
}

/** Strict mode's rule for a plain JSON number (bson's deserializeValue). */
function convertNumber(value: number): unknown {
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    if (value >= -1024 && value < (1 << 16) - 1024) return SMALL_INT32[value + 1024];
    if (value >= INT32_MIN && value <= INT32_MAX) return new Int32(value);
    if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return Long.fromNumber(value);
    return FULL_PATH;
  }
  return new Double(value);
}

function firstKey(doc: Document): string | undefined {
  for (const key in doc) return key;
  return undefined;
}

function hasOneKey(doc: Document): boolean {
  let n = 0;
  for (const _ in doc) if (++n > 1) return false;
  return n === 1;
}
