import { EJSON } from 'bson';
import { protectBigIntegers } from './bigIntegerLiterals';
import { parseCommonExtendedJson } from './commonExtendedJson';
import type { Document } from './document';
import { isDocument } from './document';
import { rewriteLegacyForms } from './legacyExtendedJson';
import { isTooDeep, TOO_DEEP } from './nestingDepth';
import { replaceNonFiniteNumbers } from './nonFiniteNumbers';

/** What parsing a file's documents met that the load's notes mention. */
export interface JsonParseStats {
  /** Bare NaN / Infinity / -Infinity read as doubles (Python's json module writes them). */
  nonFinite: number;
}

/** A document's text that is not a document: the reason goes to quarantine. */
export class DocumentParseError extends Error {
  override readonly name = 'DocumentParseError';
}

/** Strict mode: Int32, Long and Double stay typed instead of becoming JS numbers. */
const STRICT = { relaxed: false } as const;

/**
 * One mongoexport document, canonical or relaxed Extended JSON v2 or legacy v1, into
 * bson values. Decoding is bson's EJSON.parse; before it, integer literals beyond ±2^53
 * are made exact, and after a refusal the two legacy shapes bson rejects are rewritten.
 * Documents of plain values, ObjectIds and ISO dates take a faster path with the same result.
 */
export function parseJsonDocument(text: string, stats?: JsonParseStats): Document {
  const common = parseCommonExtendedJson(text);
  if (common) return common;
  try {
    return parseExtendedJson(text, stats);
  } catch (error) {
    // bson's reviver and the legacy rewrite recurse: far past the limit they run out of stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw new DocumentParseError(TOO_DEEP);
    throw error;
  }
}

function parseExtendedJson(text: string, stats?: JsonParseStats): Document {
  const safe = protectBigIntegers(text);
  let value: unknown;
  try {
    value = EJSON.parse(safe, STRICT);
  } catch (error) {
    if (error instanceof SyntaxError) {
      // Not JSON only because of bare NaN / Infinity (Python's json module): read them as doubles.
      const finite = replaceNonFiniteNumbers(safe);
      if (finite.count === 0) throw new DocumentParseError(`invalid JSON: ${error.message}`);
      const doc = parseExtendedJson(finite.text);
      if (stats) stats.nonFinite += finite.count;
      return doc;
    }
    const legacy = rewriteLegacyForms(safe);
    if (legacy === undefined) throw new DocumentParseError(`invalid Extended JSON: ${messageOf(error)}`);
    try {
      value = EJSON.parse(legacy, STRICT);
    } catch (again) {
      throw new DocumentParseError(`invalid Extended JSON: ${messageOf(again)}`);
    }
  }
  if (!isDocument(value)) throw new DocumentParseError(`not a document: the top level is ${describeTopLevel(value)}, not a JSON object`);
  // The fast path above stops at the limit; here, whatever bson parsed is checked.
  if (isTooDeep(value)) throw new DocumentParseError(TOO_DEEP);
  return value;
}

function describeTopLevel(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date ($date)';
  const bsonType = (value as { _bsontype?: string } | undefined)?._bsontype;
  if (bsonType) return `a ${bsonType} value`;
  return `a ${typeof value}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
