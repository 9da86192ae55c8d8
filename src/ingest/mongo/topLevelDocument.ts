import type { Document } from './document';

/**
 * bson reads a document whose keys start with `$ref` and `$id` as a DBRef, also at the
 * top level; as a row it is an ordinary document with those fields.
 */
export function topLevelDocument<T>(value: T): Document {
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === 'DBRef') return (value as unknown as { toJSON(): Document }).toJSON();
  return value as Document;
}
