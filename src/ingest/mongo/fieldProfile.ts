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
  /** Type → count, in order of first appearance. */
  readonly kinds: Map<ValueKind, number>;
  /** int64 values that a DOUBLE cannot hold exactly. */
  longsInexact: number;
  /** Over Decimal128 values: the largest scale and integer digit count, and values DECIMAL cannot hold. */
  decimal: { maxScale: number; maxIntegerDigits: number; inexpressible: number };
  /** Binary subtype → count. */
  binarySubtypes: Map<number, number>;
  /** For embedded documents: their fields, in order of first appearance. */
  readonly fields?: Map<string, FieldProfile>;
  /** For arrays: all their elements together. */
  readonly elements?: FieldProfile;
}

export function emptyProfile(): FieldProfile {
  return new ValueProfile();
}

/**
 * A FieldProfile that counts fast: every document of a collection goes through here, and
 * most fields hold one type in documents whose keys come in one order. So the type last
 * seen is counted apart (added to `kinds` when another type comes, or when read), and the
 * keys of the last document are remembered with their profiles, saving a Map lookup per key.
 */
class ValueProfile implements FieldProfile {
  present = 0;
  nulls = 0;
  longsInexact = 0;
  decimal = { maxScale: 0, maxIntegerDigits: 0, inexpressible: 0 };
  binarySubtypes = new Map<number, number>();
  private counted = new Map<ValueKind, number>();
  private lastKind: ValueKind | undefined;
  private pending = 0;
  embedded?: DocumentFields;
  items?: ValueProfile;

  get kinds(): Map<ValueKind, number> {
    this.settle();
    return this.counted;
  }

  get fields(): Map<string, FieldProfile> | undefined {
    return this.embedded?.map;
  }

  get elements(): FieldProfile | undefined {
    return this.items;
  }

  count(kind: ValueKind): void {
    if (kind === this.lastKind) {
      this.pending++;
      return;
    }
    this.settle();
    if (!this.counted.has(kind)) this.counted.set(kind, 0);
    this.lastKind = kind;
    this.pending = 1;
  }

  private settle(): void {
    if (this.pending === 0) return;
    const kind = this.lastKind!;
    this.counted.set(kind, this.counted.get(kind)! + this.pending);
    this.pending = 0;
  }
}

/** The fields of one level of documents, with the last document's keys for a quick lookup. */
class DocumentFields {
  readonly map = new Map<string, FieldProfile>();
  private readonly lastKeys: string[] = [];
  private readonly lastProfiles: ValueProfile[] = [];

  /** Counts one document's fields; true when one holds an Invalid Date. */
  add(doc: Document): boolean {
    let invalidDate = false;
    let i = 0;
    // Documents are plain objects with no inherited enumerable keys: for…in is their own keys.
    for (const key in doc) {
      let profile = this.lastProfiles[i];
      if (this.lastKeys[i] !== key) {
        profile = this.map.get(key) as ValueProfile | undefined ?? this.create(key);
        this.lastKeys[i] = key;
        this.lastProfiles[i] = profile;
      }
      if (addValue(profile, doc[key])) invalidDate = true;
      i++;
    }
    return invalidDate;
  }

  private create(key: string): ValueProfile {
    const profile = new ValueProfile();
    this.map.set(key, profile);
    return profile;
  }
}

/** A whole collection: the top-level fields and how many documents were profiled. */
export class CollectionProfile {
  private readonly top = new DocumentFields();
  documents = 0;

  get fields(): Map<string, FieldProfile> {
    return this.top.map;
  }

  /**
   * Counts one document. Returns true when it holds an Invalid Date (a date a JS Date
   * cannot hold): its exact value must then be read back from the source (repairDates).
   */
  add(doc: Document): boolean {
    this.documents++;
    return this.top.add(doc);
  }
}

function addValue(profile: ValueProfile, value: unknown): boolean {
  const kind = valueKind(value);
  profile.present++;
  profile.count(kind);
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
      return (profile.embedded ??= new DocumentFields()).add(value as Document);
    case 'array': {
      const elements = (profile.items ??= new ValueProfile());
      let invalidDate = false;
      for (const element of value as unknown[]) if (addValue(elements, element)) invalidDate = true;
      return invalidDate;
    }
    default:
      return false;
  }
}
