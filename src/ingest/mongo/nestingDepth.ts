/**
 * MongoDB refuses a BSON document nested more than 100 levels deep (the document itself
 * is level 1; each embedded document or array adds one), so no real export holds one.
 * Deeper input is crafted or broken, and recursive code further on (profiling fields,
 * writing columns) would run out of stack on it: it is quarantined with this limit.
 */
export const MAX_NESTING = 100;

/** Why a too-deep document is not loaded (the caller adds what to do). */
export const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep, MongoDB's own limit for a BSON document (each embedded document or array is a level), so it was not loaded`;

/**
 * Whether `doc` nests embedded documents or arrays more than MAX_NESTING levels deep.
 * Iterative, and it stops at the first container past the limit: safe at any depth.
 */
export function isTooDeep(doc: unknown): boolean {
  const stack: [unknown, number][] = [[doc, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_NESTING) return true;
    if (Array.isArray(value)) {
      for (const v of value) if (isContainer(v)) stack.push([v, depth + 1]);
    } else {
      for (const key in value as Record<string, unknown>) {
        const v = (value as Record<string, unknown>)[key];
        if (isContainer(v)) stack.push([v, depth + 1]);
      }
    }
  }
  return false;
}

/** Arrays and plain objects (documents); bson's value classes (ObjectId, Long, Binary…) are leaves. */
function isContainer(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
