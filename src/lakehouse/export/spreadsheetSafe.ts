/**
 * "CSV for Excel": cells that a spreadsheet would run as a formula are made text, as
 * OWASP's CSV-injection advice says — a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'` (the spreadsheet shows it; the formula never runs).
 *
 * Decided per column type: columns whose text DuckDB writes from a number, a boolean, a
 * date or time, an interval or a UUID cannot carry a formula (`-12.30` in a DECIMAL column
 * is a number), so they are written as they are and negative numbers stay numbers. Every
 * other column (VARCHAR, BLOB, lists, structs, …) is checked cell by cell; there a cell
 * that is exactly a signed decimal number (`-12.5`, `+3`, `1e-3`) also stays as it is,
 * since a spreadsheet reads it as that number and nothing else.
 */

/** OWASP's list: the characters that start a formula (or a DDE payload) in Excel, Calc and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_FREE_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|BOOLEAN|DATE|TIME|TIME WITH TIME ZONE|TIME_NS|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|INTERVAL|UUID)$/i;

/** Whether DuckDB's text for a value of this type can never be a formula. */
export function isFormulaFreeType(duckdbType: string): boolean {
  return FORMULA_FREE_TYPE.test(duckdbType.trim());
}

/** The cell as a spreadsheet will show it without running it. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
