import type { Document } from './document';
import { decimalShape } from './decimalShape';
import { valueKind, type ValueKind } from './valueKind';

/**
 * What one field held over a whole collection: how often each BSON type occurred and the
 * few facts about the values that decide whether a type can be widened exactly. Embedded
 * documents profile their fields, arrays their elements, recursively. The column type is
 * chosen from this (columnPlan.ts), never from the first document.
 */
export interface FieldProfile {
  /** Values seen: documents that had the field (explicit null included), or array elements. */
  present: number;
  /** Explicit null, and the deprecated BSON undefined (also stored as NULL). */
  nulls: number;
  kinds: Map<ValueKind, number>;
  /** int64 values that a DOUBLE cannot hold exactly. */
  longsInexact: number;
  /** Over Decimal128 values: the largest scale and integer digit count, and values DECIMAL cannot hold. */
  decimal: { maxScale: number; maxIntegerDigits: number; inexpressible: number };
  /** Binary subtype → count. */
  binarySubtypes: Map<number, number>;
  /** For embedded documents: their fields, in order of first appearance. */
  fields?: Map<string, FieldProfile>;
  /** For arrays: all their elements together. */
  elements?: FieldProfile;
}

export function emptyProfile(): FieldProfile {
  return {
    present: 0,
    nulls: 0,
    kinds: new Map(),
    longsInexact: 0,
    decimal: { maxScale: 0, maxIntegerDigits: 0, inexpressible: 0 },
    binarySubtypes: new Map(),
  };
}

/** A whole collection: the top-level fields and how many documents were profiled. */
export class CollectionProfile {
  readonly fields = new Map<string, FieldProfile>();
  documents = 0;

  /**
   * Counts one document. Returns true when it holds an Invalid Date (a date a JS Date
   * cannot hold): its exact value must then be read back from the source (repairDates).
   */
  add(doc: Document): boolean {
    this.documents++;
    return addFields(this.fields, doc);
  }
}

function addFields(fields: Map<string, FieldProfile>, doc: Document): boolean {
  let invalidDate = false;
  // Documents are plain objects with no inherited enumerable keys: for…in is their own keys.
  for (const key in doc) {
    let profile = fields.get(key);
    if (!profile) fields.set(key, (profile = emptyProfile()));
    if (addValue(profile, doc[key])) invalidDate = true;
  }
  return invalidDate;
}

function addValue(profile: FieldProfile, value: unknown): boolean {
  const kind = valueKind(value);
  profile.present++;
  profile.kinds.set(kind, (profile.kinds.get(kind) ?? 0) + 1);
  switch (kind) {
    case 'null':
    case 'undefined':
      profile.nulls++;
      return false;
    case 'int64': {
      const long = value as { toBigInt(): bigint; toNumber(): number };
      if (BigInt(long.toNumber()) !== long.toBigInt()) profile.longsInexact++;
      return false;
    }
    case 'decimal': {
      const shape = decimalShape(String(value));
      const d = profile.decimal;
      if (!shape) d.inexpressible++;
      else {
        d.maxScale = Math.max(d.maxScale, shape.scale);
        d.maxIntegerDigits = Math.max(d.maxIntegerDigits, shape.integerDigits);
      }
      return false;
    }
    case 'binary': {
      const subtype = (value as { sub_type: number }).sub_type;
      profile.binarySubtypes.set(subtype, (profile.binarySubtypes.get(subtype) ?? 0) + 1);
      return false;
    }
    case 'dateOutOfRange':
      return value instanceof Date;
    case 'document':
      return addFields((profile.fields ??= new Map()), value as Document);
    case 'array': {
      const elements = (profile.elements ??= emptyProfile());
      let invalidDate = false;
      for (const element of value as unknown[]) if (addValue(elements, element)) invalidDate = true;
      return invalidDate;
    }
    default:
      return false;
  }
}
