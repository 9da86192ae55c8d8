/**
 * Typing of text values for the reference silver layer: trimmed text, zip prefixes, money
 * as exact integer cents, wall-clock timestamps as milliseconds since 1970-01-01 00:00:00
 * (the text read as if it were UTC, so no time zone ever shifts a value).
 */

/** Marks a present value that cannot be cast (the row would go to quarantine). */
export const UNCASTABLE: unique symbol = Symbol('uncastable');
export type Cast<T> = T | null | typeof UNCASTABLE;

export const MS_PER_DAY = 86_400_000;

/** Trimmed text; empty or blank becomes null (missing). */
export function cleanText(value: string | null): string | null {
  if (value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

export function upperText(value: string | null): string | null {
  return cleanText(value)?.toUpperCase() ?? null;
}

export function lowerText(value: string | null): string | null {
  return cleanText(value)?.toLowerCase() ?? null;
}

/** Zip prefix as 5-character text, left-padded with zeros (`1037` → `01037`). */
export function zipPrefix(value: string | null): string | null {
  const t = cleanText(value);
  return t === null ? null : t.padStart(5, '0');
}

/** Whole number (`3`, ` 03 `, `+3`); null when missing. */
export function castInteger(value: string | null): Cast<number> {
  const t = cleanText(value);
  if (t === null) return null;
  if (!/^[+-]?\d+$/.test(t)) return UNCASTABLE;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : UNCASTABLE;
}

const MAX_WHOLE_DIGITS = 10; // DECIMAL(12,2)

/**
 * Money as integer cents, exactly (no floating point): `58.9` → 5890, `12` → 1200,
 * `-0.05` → -5. More than two decimals round half away from zero, like a DECIMAL(12,2) cast.
 */
export function castCents(value: string | null): Cast<number> {
  const t = cleanText(value);
  if (t === null) return null;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return UNCASTABLE;
  const whole = m[2]!.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return UNCASTABLE;
  const frac = m[3] ?? '';
  let cents = Number(whole || '0') * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  return m[1] === '-' ? -cents : cents;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/**
 * `YYYY-MM-DD HH:MM:SS` (seconds, fraction and time optional) as milliseconds since epoch,
 * reading the wall-clock text as UTC. Impossible dates (2018-02-30) are uncastable.
 */
export function castTimestamp(value: string | null): Cast<number> {
  const t = cleanText(value);
  if (t === null) return null;
  const m = TIMESTAMP.exec(t);
  if (!m) return UNCASTABLE;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? '0')) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return UNCASTABLE;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(Number('0.' + (m[7] ?? '0')) * 1000);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return UNCASTABLE;
  }
  return ms;
}

/** The calendar day of a timestamp, as a count of days since 1970-01-01. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD HH:MM:SS` (fractions of a second are not printed). */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19);
}

/** `YYYY-MM-DD` for a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-01`: the first day of the month holding the timestamp. */
export function formatMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7) + '-01';
}
