/**
 * apache-arrow's builders (vectorFromArray, makeBuilder, tableFromArrays) compile their
 * null check with `new Function`, which our Content-Security-Policy forbids (no
 * 'unsafe-eval'), so in the browser they throw. This Vite plugin swaps that one
 * function for a closure with the same meaning: a value is null when it equals one of
 * `nullValues` (NaN matching NaN).
 */
const TARGET = /apache-arrow[\\/]builder[\\/]valid\.mjs$/;

const REPLACEMENT = `export function createIsValidFunction(nullValues) {
    if (!nullValues || nullValues.length <= 0) {
        return function isValid() { return true; };
    }
    const nulls = new Set(nullValues.filter((x) => x === x));
    const nanIsNull = nulls.size !== nullValues.length;
    return function isValid(x) {
        if (x !== x) return !nanIsNull;
        return !nulls.has(x);
    };
}
`;

export function arrowWithoutEval() {
  return {
    name: 'arrow-without-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      const start = code.indexOf('export function createIsValidFunction');
      const end = code.indexOf('/** @ignore */', start);
      if (start < 0 || end < 0) throw new Error(`arrow-without-eval: ${id} no longer has createIsValidFunction where expected; check the apache-arrow version.`);
      return { code: code.slice(0, start) + REPLACEMENT + code.slice(end), map: null };
    },
  };
}
