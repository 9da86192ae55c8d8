import type { ColumnWriter } from './columnWriter';
import type { Document } from './document';
import { mismatch } from './planMismatch';

/** A document's fields into their columns; a field the plan lacks is a mismatch. */
export function appendFields(doc: Document, keys: readonly string[], children: readonly ColumnWriter[]): void {
  // Most documents have the plan's fields in its order: reading them in a for…in loop
  // takes each value by its place (no lookup by name). The first key out of place hands
  // the rest over to the lookup by name.
  let k = 0;
  for (const key in doc) {
    if (key !== keys[k]) return appendByName(doc, keys, children, k);
    children[k].append(doc[key]);
    k++;
  }
  for (; k < keys.length; k++) children[k].append(undefined); // missing at the end
}

/** Fields `from`… by name, once the fields before them were read in order. */
function appendByName(doc: Document, keys: readonly string[], children: readonly ColumnWriter[], from: number): void {
  let present = from;
  for (let k = from; k < keys.length; k++) {
    const key = keys[k];
    // `doc.__proto__` of a document without that field would be Object.prototype.
    const value = key === '__proto__' ? ownValue(doc, key) : doc[key];
    if (value !== undefined || hasOwn(doc, key)) present++;
    children[k].append(value);
  }
  let fields = 0;
  for (const _ in doc) fields++;
  if (fields !== present) mismatch();
}

const hasOwn = (doc: Document, key: string) => Object.prototype.hasOwnProperty.call(doc, key);
const ownValue = (doc: Document, key: string) => (hasOwn(doc, key) ? doc[key] : undefined);
