/**
 * Extended JSON v1 ("legacy", what mongoexport wrote before 4.2) mostly reads as v2, and
 * bson's EJSON.parse accepts `$regex`/`$options`, `$undefined` and `{"$date": <number>}`
 * beyond the int32 range. Two forms it rejects in strict (non-relaxed) mode:
 *
 * - `{"$binary": "<base64>", "$type": "<hex>"}`: v2 nests them as `{"$binary": {base64, subType}}`;
 * - `{"$date": <number>}` with a small number (parsed as Int32, which `$date` refuses).
 *
 * This rewrites exactly those two shapes into their v2 spelling, so that decoding stays
 * bson's. Everything else is written back unchanged in meaning: EJSON sees the same JS
 * numbers (integers beyond 2^53 were already made `$numberLong` by protectBigIntegers). It is only tried after EJSON.parse has refused a document; returns undefined
 * when there is nothing to rewrite, so the original error stands.
 */
export function rewriteLegacyForms(text: string): string | undefined {
  let changed = false;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const doc = value as Record<string, unknown>;
    const keys = Object.keys(doc);
    if (keys.length === 2 && typeof doc.$binary === 'string' && typeof doc.$type === 'string') {
      changed = true;
      return { $binary: { base64: doc.$binary, subType: legacySubType(doc.$type) } };
    }
    if (keys.length === 1 && typeof doc.$date === 'number' && Number.isInteger(doc.$date)) {
      changed = true;
      return { $date: { $numberLong: String(doc.$date) } };
    }
    // fromEntries, not assignment: a `__proto__` key must stay a plain field.
    return Object.fromEntries(keys.map((k) => [k, visit(doc[k])]));
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const rewritten = visit(parsed);
  return changed ? JSON.stringify(rewritten, keepDoubles) : undefined;
}

/**
 * JSON.stringify would print -0 as `0` and an overflowed literal (1e400) as `null`; EJSON
 * read the original text as Double(-0) and Double(Infinity), so keep them that way.
 */
function keepDoubles(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (Object.is(value, -0)) return { $numberDouble: '-0.0' };
  if (!Number.isFinite(value)) return { $numberDouble: String(value) };
  return value;
}

/** v1 wrote the subtype as hex text, with or without `0x`, one or two digits. */
function legacySubType(type: string): string {
  const hex = type.replace(/^0x/i, '');
  return hex.length === 1 ? `0${hex}` : hex;
}
