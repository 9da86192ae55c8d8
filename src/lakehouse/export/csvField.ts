/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled). NULL is the empty unquoted field; an empty string is `""`, so the two
 * stay apart (DuckDB reads them apart with `allow_quoted_nulls = false`). Leading or
 * trailing spaces are quoted too, so no reader trims them away.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]|^\s|\s$/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(values: readonly (string | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
