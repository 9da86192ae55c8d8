/**
 * A value that does not fit the column planned from a sample (a type, a field or a
 * scale not seen in it). The loader then plans again from the whole collection.
 */
export class PlanMismatch extends Error {
  override readonly name = 'PlanMismatch';
}

export function mismatch(): never {
  throw new PlanMismatch();
}
