import { Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { piiKind, type PiiKind } from '../../pipeline/pii';
import { formatCell } from '../tables/formatCell';

/** Turns a value's text into its masked form. */
export type Mask = (text: string) => Promise<string>;

/** What a masked cell starts with, so a reader sees at once that it is not the value. */
export const MASK_MARK = '•••';

/**
 * The embed's masking: `•••` and the first 8 hex digits of HMAC-SHA-256(value) under a
 * key made at random for this page load, kept non-extractable by WebCrypto and never
 * stored. The same value shows the same token while the page is open (a customer's rows
 * can still be matched up by eye); tokens mean nothing in another page load, and without
 * the key they cannot be reversed even for small value sets such as zip prefixes.
 */
export async function createSessionMask(): Promise<Mask> {
  const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const tokens = new Map<string, Promise<string>>();
  const encoder = new TextEncoder();
  return (text) => {
    let token = tokens.get(text);
    if (!token) {
      token = crypto.subtle.sign('HMAC', key, encoder.encode(text)).then((mac) => MASK_MARK + hex(new Uint8Array(mac, 0, 4)));
      tokens.set(text, token);
    }
    return token;
  };
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MaskedTable {
  table: Table;
  /** The masked columns and the kind of personal data each holds (pipeline/pii.ts). */
  masked: Map<string, PiiKind>;
}

/**
 * `table` with every column that piiKind tags replaced by a text column of masked tokens
 * (nulls stay null); other columns are the same vectors. The grid then never receives
 * the personal values at all.
 */
export async function maskPiiColumns(table: Table, mask: Mask): Promise<MaskedTable> {
  const masked = new Map<string, PiiKind>();
  const columns: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    const kind = piiKind(field.name);
    if (!kind) {
      columns[field.name] = column;
      continue;
    }
    masked.set(field.name, kind);
    const tokens = await Promise.all([...column].map((v) => (v === null || v === undefined ? null : mask(formatCell(v, field)))));
    columns[field.name] = vectorFromArray(tokens, new Utf8());
  }
  return { table: masked.size ? new Table(columns) : table, masked };
}
