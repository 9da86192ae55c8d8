import type { ChangeOp, ChangeProblem, ChangeRecord, ParsedChanges, RowImage } from '../changeRecord';
import { epochSecondsText } from '../timeText';
import { BinlogSchemas, unquote } from './binlogSchemas';
import { binlogStatement, type StatementContext } from './binlogStatements';
import { binlogValue } from './binlogValues';

/** `#261207 16:09:03 server id 1  end_log_pos 888 …`: an event's header (time as the decoding machine's clock shows it). */
const EVENT_HEADER = /^#(\d{2})(\d{2})(\d{2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+server id\s+\d+/;
const ROW_START = /^### (INSERT INTO|UPDATE|DELETE FROM) (`(?:[^`]|``)*`|[^\s.]+)(?:\.(`(?:[^`]|``)*`|\S+))?\s*$/;
const OPS: Record<string, ChangeOp> = { 'INSERT INTO': 'c', UPDATE: 'u', 'DELETE FROM': 'd' };

/**
 * Reads the text `mariadb-binlog --base64-output=decode-rows --verbose` (or `mysqlbinlog`)
 * prints for a binary log.
 *
 * Row format: each changed row is `### INSERT INTO \`db\`.\`t\`` + `### SET` + `###   @n=…`,
 * `### UPDATE …` + `### WHERE` (before) + `### SET` (after), or `### DELETE FROM …` +
 * `### WHERE`. Columns are positions: they are named from the table's CREATE TABLE — the
 * log's own DDL when it holds it, else a schema dump loaded with it (`schemas`). A row of a
 * table with no CREATE TABLE, or of a table ALTERed earlier in the log (positions may have
 * moved; the parser does not follow ALTER TABLE), is a problem with a message saying what
 * to load. The change time is the row event's header time, read as UTC: mariadb-binlog
 * prints it in its own machine's time zone, so run it with TZ=UTC (or on a UTC machine).
 *
 * Statement format: statements are SQL text (statementBinlog.ts): INSERT … VALUES becomes
 * creates, through the dump parser; UPDATE / DELETE and the like cannot be replayed
 * without the server's data and are problems naming the file's line.
 */
export function parseBinlog(text: string, schemas: BinlogSchemas = new BinlogSchemas()): ParsedChanges {
  const result: ParsedChanges = { changes: [], problems: [], notes: [] };
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const ctx: StatementContext = { database: undefined, statementTime: null, altered: new Map(), schemas, skipped: new Map() };
  let eventTime: string | null = null;
  let delimiter = ';';
  let statement: string[] = [];
  let statementLine = 0;
  let rowEvents = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = EVENT_HEADER.exec(line);
    if (header) {
      eventTime = headerTime(header);
      ctx.statementTime = null;
      continue;
    }
    if (line.startsWith('### ')) {
      const start = ROW_START.exec(line);
      if (!start) continue; // a `### SET` or `@n` line of a row we could not start: reported there
      const end = rowEnd(lines, i + 1);
      rowEvents++;
      const read = readRow(lines, i, end, start, eventTime, ctx);
      if ('reason' in read) result.problems.push(read);
      else result.changes.push(read);
      i = end - 1;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (statement.length === 0) {
      if (line.trim() === '') continue;
      // mariadb-binlog's own client command: `DELIMITER /*!*/;` at the start, `DELIMITER ;` at the end.
      const setDelimiter = /^DELIMITER\s+(\S+)\s*$/i.exec(line);
      if (setDelimiter) {
        delimiter = setDelimiter[1]!;
        continue;
      }
      statementLine = i + 1;
    }
    statement.push(line);
    if (line.trimEnd().endsWith(delimiter)) {
      const sql = statement.join('\n').trimEnd().slice(0, -delimiter.length).trim();
      statement = [];
      const timestamp = /^SET\s+TIMESTAMP\s*=\s*(\d+(?:\.\d+)?)$/i.exec(sql);
      if (timestamp) {
        ctx.statementTime = epochSecondsText(Number(timestamp[1]));
        continue;
      }
      const read = binlogStatement(sql, statementLine, ctx.statementTime ?? eventTime, ctx);
      result.changes.push(...read.changes);
      result.problems.push(...read.problems);
    }
  }
  if (ctx.skipped.size) result.notes.push(`statements passed over (they change no rows): ${[...ctx.skipped].map(([k, n]) => `${n} ${k}`).join(', ')}.`);
  if (rowEvents === 0 && ctx.skipped.get('BINLOG') !== undefined) {
    result.notes.push("the log's row events are only in BINLOG '…' (base64) statements: decode it with mariadb-binlog --base64-output=decode-rows --verbose to load them.");
  }
  return result;
}

/** The first line after the row that starts at `from - 1`: the next row's start, or the first line that is not `###`. */
function rowEnd(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.startsWith('### ') && !ROW_START.test(lines[i]!)) i++;
  return i;
}

function readRow(lines: string[], start: number, end: number, head: RegExpExecArray, eventTime: string | null, ctx: StatementContext): ChangeRecord | ChangeProblem {
  const [, verb, first, second] = head;
  const database = second === undefined ? ctx.database : unquote(first!);
  const table = unquote(second ?? first!);
  const raw = lines.slice(start, end).join('\n');
  const definition = ctx.schemas.get(database, table);
  const where = { line: start + 1, ...(database !== undefined && { database }), table, raw };
  const problem = (reason: string): ChangeProblem => ({ ...where, ...(definition && { columns: definition.columns.map((c) => c.name) }), reason });
  const name = `${database ? `${database}.` : ''}${table}`;
  if (!definition) {
    return problem(`no CREATE TABLE for ${name}: the binary log names columns by position (@1, @2, …). ` +
      `Load the table's schema with the log (mariadb-dump --no-data ${database ?? '<database>'} > schema.sql) or decode a log that holds its CREATE TABLE`);
  }
  const alteredAt = ctx.altered.get(name.toLowerCase()) ?? ctx.altered.get(table.toLowerCase());
  if (alteredAt !== undefined) return problem(`${name} was altered at line ${alteredAt} of this log; column positions after an ALTER TABLE are not followed. Load events after it with a schema dump made after the ALTER, in a file of their own`);
  const images: { before: RowImage | null; after: RowImage | null } = { before: null, after: null };
  let current: 'before' | 'after' | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!;
    if (line === '### WHERE') current = 'before';
    else if (line === '### SET') current = 'after';
    else {
      const value = /^###\s+@(\d+)=(.*)$/.exec(line);
      if (!value || !current) return problem(`unexpected line ${i + 1} in a row event: ${line}`);
      const position = Number(value[1]);
      const column = definition.columns[position - 1];
      if (!column) return problem(`@${position} is past the ${definition.columns.length} columns ${name} declares: the CREATE TABLE used does not match the log`);
      try {
        (images[current] ??= new Map()).set(column.name, binlogValue(value[2]!, column));
      } catch (error) {
        return problem(`line ${i + 1}: column ${column.name}: ${(error as Error).message}`);
      }
    }
  }
  const op = OPS[verb!]!;
  if ((op === 'c' || op === 'u') && !images.after) return problem(`${verb} without a SET row image`);
  if ((op === 'd' || op === 'u') && !images.before) return problem(`${verb} without a WHERE row image`);
  // binlog_row_image=MINIMAL / NOBLOB leave unchanged columns out of SET: such a row is not
  // the whole row, and applying it would blank the rest. A delete needs only its key.
  const stored = definition.columns.filter((c) => !c.generated).length;
  if (images.after && images.after.size < stored) {
    return problem(`the row image holds ${images.after.size} of the ${stored} columns of ${name}: the log was written with binlog_row_image=MINIMAL or NOBLOB, which leaves unchanged columns out, so the row cannot be applied whole. Use binlog_row_image=FULL`);
  }
  return { ...(database !== undefined && { database }), table, op, before: images.before, after: images.after, changeAt: eventTime, line: start + 1 };
}

function headerTime(m: RegExpExecArray): string {
  const [, yy, mo, dd, hh, mi, ss] = m;
  const year = Number(yy) < 70 ? `20${yy}` : `19${yy}`;
  return `${year}-${mo}-${dd} ${hh!.padStart(2, '0')}:${mi}:${ss}`;
}
