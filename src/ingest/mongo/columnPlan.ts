import type { FieldProfile } from './fieldProfile';
import type { ValueKind } from './valueKind';

/**
 * The column type chosen for one field, and how its values are written. Chosen from the
 * field's profile over the whole collection by the rules below (DESIGN.md §5: bronze is
 * lossless, so a type is widened only where every value stays exact).
 */
export type ColumnPlan =
  | { kind: 'int32' | 'int64' | 'double' | 'bool' | 'timestamp' | 'bsonTimestamp' | 'json' }
  | { kind: 'decimal'; scale: number }
  /** VARCHAR holding the text of one BSON type (`from`); `null` when there were no values. */
  | { kind: 'text'; from: ValueKind }
  | { kind: 'blob'; subtype: number }
  | { kind: 'struct'; fields: StructMember[] }
  | { kind: 'list'; element: ColumnPlan };

export interface StructMember {
  key: string;
  plan: ColumnPlan;
}

export interface Choice {
  plan: ColumnPlan;
  reason: string;
}

/** A nested path whose type needed a decision (widened, or kept as JSON text). */
export interface NestedChoice extends Choice {
  path: string;
  profile: FieldProfile;
}

/** Past this many distinct keys, embedded documents are maps, not records: JSON text. */
export const MAX_STRUCT_FIELDS = 128;
/** DuckDB's widest DECIMAL. */
const DECIMAL_WIDTH = 38;

const TEXT_REASONS: Partial<Record<ValueKind, string>> = {
  string: 'every value is a string',
  objectId: 'ObjectId as its 24-digit hex text',
  regex: 'regular expressions as /pattern/flags text',
  minKey: 'MinKey as the text MinKey',
  maxKey: 'MaxKey as the text MaxKey',
  symbol: 'symbols (deprecated BSON type) as their text',
  code: 'JavaScript code as its text',
};

/**
 * The plan for a field. `nested` collects the decisions taken inside embedded documents
 * and arrays that are worth reporting (widened or kept as JSON).
 */
export function chooseColumn(profile: FieldProfile, path: string, nested: NestedChoice[] = []): Choice {
  const kinds = [...profile.kinds.keys()].filter((k) => k !== 'null' && k !== 'undefined');
  if (kinds.length === 0) return { plan: { kind: 'text', from: 'null' }, reason: 'no values (only null or missing): VARCHAR' };
  if (kinds.length === 1) return single(kinds[0], profile, path, nested);
  return mixed(new Set(kinds), profile);
}

function single(kind: ValueKind, p: FieldProfile, path: string, nested: NestedChoice[]): Choice {
  switch (kind) {
    case 'int32':
      return { plan: { kind: 'int32' }, reason: 'every value is int32' };
    case 'int64':
      return { plan: { kind: 'int64' }, reason: 'every value is int64 (a 64-bit integer, exact)' };
    case 'double':
      return { plan: { kind: 'double' }, reason: 'every value is a double (NaN, ±Infinity and -0.0 kept)' };
    case 'bool':
      return { plan: { kind: 'bool' }, reason: 'every value is a boolean' };
    case 'date':
      return { plan: { kind: 'timestamp' }, reason: 'UTC datetimes as TIMESTAMP (microseconds, no time zone)' };
    case 'timestamp':
      return { plan: { kind: 'bsonTimestamp' }, reason: 'BSON timestamps as STRUCT(t, i): seconds and increment, both unsigned 32-bit' };
    case 'decimal':
      return decimalChoice(p, false);
    case 'binary':
      return binaryChoice(p);
    case 'dateOutOfRange':
      return json(outOfRangeReason(p));
    case 'codeWithScope':
      return json('JavaScript code with scope as Extended JSON text (code and scope)');
    case 'dbRef':
      return json('DBRef / DBPointer as Extended JSON text ($ref, $id, $db)');
    case 'document':
      return structChoice(p, path, nested);
    case 'array':
      return listChoice(p, path, nested);
    default: {
      const reason = TEXT_REASONS[kind];
      if (!reason) throw new Error(`no column rule for ${kind}`);
      return { plan: { kind: 'text', from: kind }, reason };
    }
  }
}

function mixed(kinds: Set<ValueKind>, p: FieldProfile): Choice {
  const only = (...allowed: ValueKind[]) => [...kinds].every((k) => allowed.includes(k));
  if (only('int32', 'int64')) return { plan: { kind: 'int64' }, reason: 'int32 and int64 values: BIGINT holds both exactly' };
  if (only('int32', 'double')) return { plan: { kind: 'double' }, reason: 'int32 and double values: every int32 is exact in a DOUBLE' };
  if (only('int32', 'int64', 'double')) {
    if (p.longsInexact === 0) {
      return { plan: { kind: 'double' }, reason: 'int64 and double values, and every int64 value is exactly representable as a DOUBLE' };
    }
    return json(`int64 and double values, and ${p.longsInexact} int64 value(s) are not exactly representable as a DOUBLE: kept as Extended JSON text so that no value changes`);
  }
  if (only('int32', 'int64', 'decimal')) return decimalChoice(p, true);
  if (only('date', 'dateOutOfRange')) return json(outOfRangeReason(p));
  return json(`values of different types (${[...kinds].join(', ')}): kept as Extended JSON text so that no value changes`);
}

function decimalChoice(p: FieldProfile, withIntegers: boolean): Choice {
  const d = p.decimal;
  // An int32 needs up to 10 integer digits, an int64 up to 19.
  const integerDigits = Math.max(d.maxIntegerDigits, p.kinds.has('int64') ? 19 : p.kinds.has('int32') ? 10 : 0);
  const fits = d.inexpressible === 0 && integerDigits + d.maxScale <= DECIMAL_WIDTH;
  if (fits) {
    const ints = withIntegers ? ' (integers included)' : '';
    return {
      plan: { kind: 'decimal', scale: d.maxScale },
      reason: `every Decimal128${ints} fits DECIMAL(38,${d.maxScale}) exactly (up to ${integerDigits} integer digits); trailing zeros are padded to the column's scale`,
    };
  }
  const why = d.inexpressible > 0
    ? `${d.inexpressible} value(s) are NaN, ±Infinity or -0`
    : `the values need ${integerDigits} integer digits and ${d.maxScale} decimals, more than DECIMAL's 38`;
  if (withIntegers) return json(`integer and Decimal128 values, and ${why}: kept as Extended JSON text`);
  return { plan: { kind: 'text', from: 'decimal' }, reason: `Decimal128 as its exact text, because ${why}` };
}

function binaryChoice(p: FieldProfile): Choice {
  const subtypes = [...p.binarySubtypes.keys()].sort((a, b) => a - b);
  const names = subtypes.map(subtypeName).join(', ');
  if (subtypes.length === 1) {
    return { plan: { kind: 'blob', subtype: subtypes[0] }, reason: `binary subtype ${names} as BLOB, bytes exact` };
  }
  return json(`binary values of subtypes ${names}: kept as Extended JSON text so that each value keeps its subtype`);
}

function subtypeName(subtype: number): string {
  const hex = `0x${subtype.toString(16).padStart(2, '0')}`;
  return subtype === 4 ? `${hex} (UUID)` : hex;
}

function outOfRangeReason(p: FieldProfile): string {
  const n = p.kinds.get('dateOutOfRange') ?? 0;
  return `${n} date(s) outside what a JavaScript Date holds (±8.64e15 ms from 1970) or unreadable: all dates kept as Extended JSON text, with the exact epoch milliseconds`;
}

function structChoice(p: FieldProfile, path: string, nested: NestedChoice[]): Choice {
  const fields = p.fields ?? new Map<string, FieldProfile>();
  const keys = [...fields.keys()];
  if (keys.length === 0) return json('only empty documents: a STRUCT needs at least one field');
  if (keys.length > MAX_STRUCT_FIELDS) {
    return json(`embedded documents with ${keys.length} distinct keys (more than ${MAX_STRUCT_FIELDS}) are maps, not records: kept as Extended JSON text`);
  }
  if (keys.includes('')) return json('an embedded document has an empty key, which a DuckDB STRUCT cannot hold: kept as Extended JSON text');
  const seen = new Map<string, string>();
  for (const key of keys) {
    const other = seen.get(key.toLowerCase());
    if (other !== undefined) {
      return json(`embedded keys "${other}" and "${key}" differ only in case, which a DuckDB STRUCT cannot hold: kept as Extended JSON text`);
    }
    seen.set(key.toLowerCase(), key);
  }
  const members = keys.map((key) => {
    const child = fields.get(key)!;
    const childPath = `${path}.${key}`;
    const choice = chooseColumn(child, childPath, nested);
    if (isNotable(child, choice)) nested.push({ ...choice, path: childPath, profile: child });
    return { key, plan: choice.plan };
  });
  return { plan: { kind: 'struct', fields: members }, reason: `embedded documents as STRUCT of ${keys.length} field(s)` };
}

function listChoice(p: FieldProfile, path: string, nested: NestedChoice[]): Choice {
  const elements = p.elements!;
  const elementPath = `${path}[]`;
  const choice = chooseColumn(elements, elementPath, nested);
  if (choice.plan.kind === 'json') {
    nested.push({ ...choice, path: elementPath, profile: elements });
    return json(`array elements need JSON text (${choice.reason}): whole arrays kept as Extended JSON text`);
  }
  if (isNotable(elements, choice)) nested.push({ ...choice, path: elementPath, profile: elements });
  const type = duckdbType(choice.plan);
  const empty = elements.present === 0 ? ' (every array is empty)' : '';
  return { plan: { kind: 'list', element: choice.plan }, reason: `arrays as ${type}[]${empty}` };
}

/** Worth a line in the report: the values had several types, or they became JSON text. */
function isNotable(profile: FieldProfile, choice: Choice): boolean {
  const kinds = [...profile.kinds.keys()].filter((k) => k !== 'null' && k !== 'undefined');
  return kinds.length > 1 || choice.plan.kind === 'json' || (choice.plan.kind === 'text' && choice.plan.from === 'decimal');
}

function json(reason: string): Choice {
  return { plan: { kind: 'json' }, reason };
}

/** The DuckDB type of a plan. */
export function duckdbType(plan: ColumnPlan): string {
  switch (plan.kind) {
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'bsonTimestamp':
      return 'STRUCT(t UINTEGER, i UINTEGER)';
    case 'decimal':
      return `DECIMAL(${DECIMAL_WIDTH},${plan.scale})`;
    case 'text':
    case 'json':
      return 'VARCHAR';
    case 'blob':
      return 'BLOB';
    case 'struct':
      return `STRUCT(${plan.fields.map((f) => `"${f.key.replaceAll('"', '""')}" ${duckdbType(f.plan)}`).join(', ')})`;
    case 'list':
      return `${duckdbType(plan.element)}[]`;
  }
}

/**
 * Identifies a plan including how values are written (two VARCHAR plans differ when one
 * holds strings and the other JSON text): equal signatures build the same column.
 */
export function planSignature(plan: ColumnPlan): string {
  switch (plan.kind) {
    case 'text':
      return `text:${plan.from}`;
    case 'json':
      return 'json';
    case 'blob':
      return `blob:${plan.subtype}`;
    case 'struct':
      return `struct{${plan.fields.map((f) => `${JSON.stringify(f.key)}:${planSignature(f.plan)}`).join(',')}}`;
    case 'list':
      return `list<${planSignature(plan.element)}>`;
    default:
      return duckdbType(plan);
  }
}
