/**
 * Relaxed Extended JSON writes a 64-bit integer as a plain JSON number, and JSON.parse
 * rounds any integer beyond ±2^53 to the nearest double (9007199254740993 becomes
 * 9007199254740992). Before parsing, such literals are rewritten to the canonical
 * `{"$numberLong": "…"}`, which EJSON.parse turns into an exact Long. Literals beyond
 * the int64 range stay as they are: they are doubles in Extended JSON too.
 */

/** An unsafe literal follows `:`, `,` or `[` (digits inside a string, after a quote, do not). */
const MAYBE_BIG = /[:,[]\s*-?\d{16}/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function protectBigIntegers(text: string): string {
  if (!hasLongDigitRun(text) || !MAYBE_BIG.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(text, i);
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      const next = i < n ? text.charCodeAt(i) : 0;
      const integral = next !== 0x2e && next !== 0x65 && next !== 0x45; // not '.', 'e', 'E'
      if (integral && i - start >= 16) {
        const literal = text.slice(start, i);
        const value = BigInt(literal);
        const unsafe = value > SAFE_MAX || value < -SAFE_MAX;
        if (unsafe && value >= INT64_MIN && value <= INT64_MAX) {
          out += text.slice(copied, start) + `{"$numberLong":"${literal}"}`;
          copied = i;
        }
      }
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      continue;
    }
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Whether the text has 16 digits in a row, looking at every 16th character only: any run
 * of 16 covers exactly one index ≡ 15 (mod 16). A regex costs ~2 ns per character on
 * every document; this, a sixteenth of that.
 */
export function hasLongDigitRun(text: string): boolean {
  for (let i = 15; i < text.length; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && end - start < 16 && isDigit(text.charCodeAt(end))) end++;
    if (end - start >= 16) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** The index after the string that starts at `i` (its opening quote). */
function endOfString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
}
