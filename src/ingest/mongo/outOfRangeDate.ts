import { BSON } from 'bson';
import { protectBigIntegers } from './bigIntegerLiterals';

/**
 * A BSON date that a JavaScript Date cannot hold: beyond ±8.64e15 ms (years −271821 to
 * 275760), or an Extended JSON `$date` string that does not parse. bson turns those into
 * an Invalid Date and the value would be lost, so the exact source form is read back
 * here: the epoch milliseconds as written (`epochMs`), or the `$date` text.
 *
 * DuckDB's TIMESTAMP (int64 microseconds, about ±292,000 years) holds every date a JS
 * Date can, so these are the only dates that cannot become TIMESTAMP.
 */
export class OutOfRangeDate {
  constructor(
    /** The exact epoch milliseconds, when the source gave a number. */
    readonly epochMs: bigint | undefined,
    /** The source text of `$date` when it was a string. */
    readonly text?: string,
  ) {}
}

/** Gives the exact date at a path (field names, array indexes as text) of one document. */
export type ExactDates = (path: readonly string[]) => OutOfRangeDate;

const DATETIME = 0x09, DOCUMENT = 0x03, ARRAY = 0x04;
const MAX_JS_DATE_MS = 8.64e15;
const utf8 = new TextDecoder();

/** Exact dates of one BSON document, read with bson's element iterator (no decoding of our own). */
export function exactBsonDates(file: Uint8Array, offset: number, length: number): ExactDates {
  let found: Map<string, OutOfRangeDate> | undefined;
  return (path) => {
    found ??= collectBsonDates(file.subarray(offset, offset + length));
    return found.get(pathKey(path)) ?? new OutOfRangeDate(undefined, 'unreadable date');
  };
}

function collectBsonDates(frame: Uint8Array): Map<string, OutOfRangeDate> {
  const found = new Map<string, OutOfRangeDate>();
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const visit = (start: number, path: string[]) => {
    for (const [type, nameOffset, nameLength, offset] of BSON.onDemand.parseToElements(frame, start)) {
      const name = utf8.decode(frame.subarray(nameOffset, nameOffset + nameLength));
      if (type === DATETIME) {
        const ms = view.getBigInt64(offset, true);
        if (ms > MAX_JS_DATE_MS || ms < -MAX_JS_DATE_MS) found.set(pathKey([...path, name]), new OutOfRangeDate(ms));
      } else if (type === DOCUMENT || type === ARRAY) {
        visit(offset, [...path, name]);
      }
    }
  };
  visit(0, []);
  return found;
}

/** Exact dates of one Extended JSON document, from its text: every `$date` as written. */
export function exactJsonDates(text: string): ExactDates {
  let found: Map<string, OutOfRangeDate> | undefined;
  return (path) => {
    found ??= collectJsonDates(text);
    return found.get(pathKey(path)) ?? new OutOfRangeDate(undefined, 'unreadable date');
  };
}

function collectJsonDates(text: string): Map<string, OutOfRangeDate> {
  const found = new Map<string, OutOfRangeDate>();
  const visit = (value: unknown, path: string[]) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, String(i)]));
    const doc = value as Record<string, unknown>;
    if ('$date' in doc) {
      const d = doc.$date;
      const long = d !== null && typeof d === 'object' ? (d as { $numberLong?: unknown }).$numberLong : undefined;
      if (typeof long === 'string' && /^-?\d+$/.test(long)) found.set(pathKey(path), new OutOfRangeDate(BigInt(long)));
      else if (typeof d === 'number' && Number.isInteger(d)) found.set(pathKey(path), new OutOfRangeDate(BigInt(d)));
      else found.set(pathKey(path), new OutOfRangeDate(undefined, typeof d === 'string' ? d : JSON.stringify(d)));
      return;
    }
    for (const [k, v] of Object.entries(doc)) visit(v, [...path, k]);
  };
  visit(JSON.parse(protectBigIntegers(text)), []);
  return found;
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}
