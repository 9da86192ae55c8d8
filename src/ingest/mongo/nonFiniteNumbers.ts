/**
 * Python's `json` module (and PyMongo's `json_util`, legacy mode) writes the doubles NaN,
 * Infinity and -Infinity as the bare words `NaN`, `Infinity` and `-Infinity`, which JSON
 * has no place for. They are what the tool meant, so before bson parses the document they
 * become canonical Extended JSON doubles (`{"$numberDouble": "NaN"}`); words inside
 * strings are left alone.
 */
const TOKENS = ['NaN', 'Infinity', '-Infinity'] as const;

export function replaceNonFiniteNumbers(text: string): { text: string; count: number } {
  let out = '';
  let copied = 0;
  let count = 0;
  let previous = ''; // the last character outside strings that is not white space
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '"') {
      i = endOfString(text, i);
      previous = '"';
      continue;
    }
    if ((c === 'N' || c === 'I' || c === '-') && (previous === ':' || previous === ',' || previous === '[')) {
      const token = TOKENS.find((t) => text.startsWith(t, i) && !/[\w$]/.test(text[i + t.length] ?? ''));
      if (token) {
        out += text.slice(copied, i) + `{"$numberDouble":"${token}"}`;
        copied = i += token.length;
        previous = '}';
        count++;
        continue;
      }
    }
    if (!/\s/.test(c)) previous = c;
    i++;
  }
  return count === 0 ? { text, count } : { text: out + text.slice(copied), count };
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
