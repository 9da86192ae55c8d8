import { EJSON } from 'bson';
import { isDocument } from './document';
import { OutOfRangeDate } from './outOfRangeDate';

/**
 * A value as relaxed Extended JSON v2 text, for fields kept as JSON (mixed types, maps,
 * mixed arrays). Relaxed, because that is what an analyst reads and what mongoexport
 * writes by default; but lossless where bson's relaxed output is not:
 * - a double keeps its decimal point (`5.0`, not `5`), so it stays apart from an integer,
 *   and -0.0 keeps its sign (relaxed EJSON.stringify prints `0`);
 * - an int64 is written with all its digits, also beyond 2^53 (the text is exact, even if
 *   a JS reader would round it);
 * - a date outside what a JS Date holds keeps its exact epoch milliseconds.
 * Other BSON types are written by bson's EJSON.stringify (relaxed).
 */
export function jsonText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'number':
      return doubleText(value);
    case 'bigint':
      return value.toString();
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value instanceof Date) return dateText(value);
  if (value instanceof OutOfRangeDate) {
    return value.epochMs !== undefined ? `{"$date":{"$numberLong":"${value.epochMs}"}}` : `{"$date":${JSON.stringify(value.text ?? '')}}`;
  }
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case 'Int32':
      return String((value as { value: number }).value);
    case 'Double':
      return doubleText((value as { value: number }).value);
    case 'Long':
      return String(value);
    case undefined:
      break;
    default:
      return EJSON.stringify(value, { relaxed: true });
  }
  if (isDocument(value)) {
    const parts: string[] = [];
    for (const key in value) parts.push(`${JSON.stringify(key)}:${jsonText(value[key])}`);
    return `{${parts.join(',')}}`;
  }
  return EJSON.stringify(value, { relaxed: true });
}

function doubleText(v: number): string {
  if (!Number.isFinite(v)) return `{"$numberDouble":"${v}"}`;
  if (Object.is(v, -0)) return '-0.0';
  const text = String(v);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** Relaxed EJSON: ISO-8601 for years 1970–9999, otherwise the epoch milliseconds. */
function dateText(d: Date): string {
  const ms = d.getTime();
  if (ms >= 0 && ms <= 253402300799999) return `{"$date":"${d.toISOString()}"}`;
  return `{"$date":{"$numberLong":"${ms}"}}`;
}
