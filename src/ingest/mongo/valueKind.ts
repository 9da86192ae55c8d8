import { isDocument } from './document';
import { OutOfRangeDate } from './outOfRangeDate';

/**
 * The BSON type of a deserialised value, as far as choosing a column is concerned.
 * bson's classes carry `_bsontype`; `promoteValues: false` (BSON) and `relaxed: false`
 * (Extended JSON) keep Int32, Long and Double apart instead of JS numbers.
 */
export type ValueKind =
  | 'null'
  | 'undefined'
  | 'bool'
  | 'int32'
  | 'int64'
  | 'double'
  | 'decimal'
  | 'string'
  | 'objectId'
  | 'date'
  | 'dateOutOfRange'
  | 'binary'
  | 'timestamp'
  | 'regex'
  | 'minKey'
  | 'maxKey'
  | 'symbol'
  | 'code'
  | 'codeWithScope'
  | 'dbRef'
  | 'document'
  | 'array';

const BY_BSONTYPE: Record<string, ValueKind> = {
  Int32: 'int32',
  Long: 'int64',
  Double: 'double',
  Decimal128: 'decimal',
  ObjectId: 'objectId',
  Binary: 'binary',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  BSONSymbol: 'symbol',
  DBRef: 'dbRef',
};

export function valueKind(value: unknown): ValueKind {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'undefined';
    case 'number':
      // Not produced with our options; classified for safety (a JS number is a double).
      return Number.isInteger(value) && Math.abs(value) <= 0x7fffffff && !Object.is(value, -0) ? 'int32' : 'double';
    case 'bigint':
      return 'int64';
    case 'object':
      break;
    default:
      throw new TypeError(`unexpected ${typeof value} in a deserialised document`);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'dateOutOfRange' : 'date';
  if (value instanceof OutOfRangeDate) return 'dateOutOfRange';
  const bsonType = (value as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === 'string') {
    if (bsonType === 'Code') return (value as { scope?: unknown }).scope ? 'codeWithScope' : 'code';
    const kind = BY_BSONTYPE[bsonType];
    if (kind) return kind;
    throw new TypeError(`unexpected bson type ${bsonType}`);
  }
  if (isDocument(value)) return 'document';
  throw new TypeError(`unexpected ${Object.prototype.toString.call(value)} in a deserialised document`);
}
