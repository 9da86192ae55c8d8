import { quoteLiteral } from '../../engine/sql';

/**
 * What each kind of row DuckDB's CSV reader rejects means, and what the user can do. The
 * reader's own messages ("Expected Number of Columns: 4 Found: 5") say what it saw, not why
 * or what to fix.
 */
const HINTS: Record<string, string> = {
  'TOO MANY COLUMNS': 'the row has more fields than the header: a value that holds the delimiter must be quoted. Fix the row and load the file again',
  'MISSING COLUMNS': 'the row has fewer fields than the header (cut short, or a line break in an unquoted value). Fix the row and load the file again',
  'UNQUOTED VALUE': 'a quote is not closed where its value ends (a quote inside a quoted value is written twice: ""). Fix the quoting and load the file again',
  'INVALID ENCODING': 'the row holds bytes that are not UTF-8. Re-export the file as UTF-8 ("CSV UTF-8")',
  'INVALID UNICODE': 'the row holds bytes that are not UTF-8. Re-export the file as UTF-8 ("CSV UTF-8")',
  'LINE SIZE OVER MAXIMUM': 'the record is longer than the reader takes (usually a quote that is never closed). Fix the quoting and load the file again',
};

/**
 * SQL for one rejects-table row's reason: DuckDB's type and message, the hint, and for a
 * record that runs over several lines (an unclosed quote swallows the lines after it)
 * the last line it took, since those lines are in quarantine with it.
 */
export function csvRejectReasonSql(): string {
  const cases = Object.entries(HINTS).map(([type, hint]) => `WHEN ${quoteLiteral(type)} THEN ${quoteLiteral(hint)}`).join(' ');
  const body = `trim(csv_line, chr(10) || chr(13))`;
  const extraLines = `(length(${body}) - length(replace(${body}, chr(10), '')))`;
  return `error_type || ': ' || error_message
    || coalesce(' — ' || CASE error_type ${cases} END, '')
    || CASE WHEN ${extraLines} > 0 THEN ' (this record runs on to line ' || (line + ${extraLines}) || ', and those lines are in quarantine with it)' ELSE '' END`;
}
