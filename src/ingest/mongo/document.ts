/** A Mongo document as bson deserialises it: field name → bson value. */
export type Document = Record<string, unknown>;

/**
 * A plain document (an embedded one too), as opposed to a bson value object (ObjectId,
 * Long, DBRef, …), a Date or an array, which are objects as well.
 */
export function isDocument(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
