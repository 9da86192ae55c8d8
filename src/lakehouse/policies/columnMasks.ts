import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { piiKind, type PiiKind } from '../../pipeline/pii';
import type { TableAccess } from './policySchema';

/** How a column is published: as is, or under one mask. */
export type ColumnAccess = { mask: 'clear' } | { mask: 'hash' | 'redact' | 'null' } | { mask: 'round'; decimals: number };

/** The catalog's PII tags are the default masks (README "Governance"). */
const DEFAULT_MASK: Record<PiiKind, string> = {
  'customer id': 'hash',
  'order id': 'hash',
  'zip prefix': 'hash',
  city: 'hash',
  location: 'round(0)',
  'free text': 'redact',
};

/** What the policy (or, without a word from it, the column's PII tag) says for a column. */
export function columnAccess(column: string, table?: TableAccess): ColumnAccess & { source: 'policy' | 'pii tag' | 'default' } {
  const stated = table?.masks[column];
  const kind = piiKind(column);
  const text = stated ?? (kind ? DEFAULT_MASK[kind] : 'clear');
  const source = stated ? 'policy' : kind ? 'pii tag' : 'default';
  const round = /^round(?:\((-?\d)\))?$/.exec(text);
  if (round) return { mask: 'round', decimals: Number(round[1] ?? 0), source };
  return { mask: text as 'clear' | 'hash' | 'redact' | 'null', source };
}

export const describeAccess = (a: ColumnAccess) => (a.mask === 'round' ? `round(${a.decimals})` : a.mask);

/** A per-publication key for `hash`: random, held in memory while publishing, never written. */
export interface MaskKey {
  /** The key padded to SHA-256's 64-byte block and XORed with HMAC's inner and outer pads, as hex. */
  ipadHex: string;
  opadHex: string;
}

export function maskKey(key: Uint8Array): MaskKey {
  if (key.length < 32 || key.length > 64) throw new Error('a mask key has 32 to 64 bytes');
  const block = new Uint8Array(64);
  block.set(key);
  const hex = (pad: number) => [...block].map((b) => (b ^ pad).toString(16).padStart(2, '0')).join('');
  return { ipadHex: hex(0x36), opadHex: hex(0x5c) };
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s?\d+\))$/;
const PLAIN_TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?$/;

/**
 * The SQL expression that publishes `column` (of DuckDB type `type`) under `access`,
 * named as the column. `hash` is HMAC-SHA-256 of the value's text, written out with
 * DuckDB's sha256 (RFC 2104; a test compares it with Node's createHmac), shown as `h:`
 * and its first 16 hex digits: equal values give equal tokens within one publication
 * (joins and counts still work), and nothing can be recovered without the key, not even
 * for small sets of values such as zip prefixes.
 */
export function maskedColumnSql(column: string, type: string, access: ColumnAccess, key: MaskKey): string {
  const c = quoteIdent(column);
  switch (access.mask) {
    case 'clear':
      return c;
    case 'hash':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE 'h:' || left(sha256(unhex(${quoteLiteral(key.opadHex)}) || unhex(sha256(unhex(${quoteLiteral(key.ipadHex)}) || encode(CAST(${c} AS VARCHAR))))), 16) END AS ${c}`;
    case 'redact':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE '[redacted]' END AS ${c}`;
    case 'null':
      return `CAST(NULL AS ${PLAIN_TYPE.test(type) ? type : 'VARCHAR'}) AS ${c}`;
    case 'round':
      if (!NUMERIC.test(type)) throw new Error(`round masks numbers only, and ${column} is ${type}`);
      return `round(${c}, ${access.decimals}) AS ${c}`;
  }
}

/**
 * An ORDER BY for a table with masked columns: each row's position hashed with the
 * publication's key. Tables keep the order they were built in, which often follows a
 * column (customers by zip prefix, a dashboard table by customer): published in that
 * order, a hashed column's tokens would still give away how the hidden values sort. Keyed,
 * so the order is unrelated to any value and differs from one publication to the next.
 */
export function keyedShuffleSql(key: MaskKey): string {
  return `sha256(unhex(${quoteLiteral(key.ipadHex)}) || encode(CAST(rowid AS VARCHAR)))`;
}
