import { parseCreateTable } from '../../mysql/createTable';
import { InsertParseError, parseInsert, type Value } from '../../mysql/insertValues';
import type { ChangeProblem, ChangeRecord, RowImage } from '../changeRecord';
import { unquote, type BinlogSchemas } from './binlogSchemas';

/** What the statements seen so far in a log have set. */
export interface StatementContext {
  /** `use \`db\``: the database unqualified names are in. */
  database: string | undefined;
  /** `SET TIMESTAMP=…` of the current event (UTC text). */
  statementTime: string | null;
  /** Tables ALTERed in this log (lower-case `db.table` and `table`) → the line. */
  altered: Map<string, number>;
  schemas: BinlogSchemas;
  /** Statements that change no rows, counted by their first word. */
  skipped: Map<string, number>;
}

const TABLE_NAME = String.raw`((?:\`(?:[^\`]|\`\`)*\`|[\w$]+)(?:\.(?:\`(?:[^\`]|\`\`)*\`|[\w$]+))?)`;
const UNREPLAYABLE = new RegExp(String.raw`^(UPDATE(?:\s+LOW_PRIORITY)?(?:\s+IGNORE)?|DELETE(?:\s+LOW_PRIORITY)?(?:\s+QUICK)?(?:\s+IGNORE)?\s+FROM|TRUNCATE(?:\s+TABLE)?|LOAD\s+DATA\b.*?\bINTO\s+TABLE)\s+${TABLE_NAME}`, 'is');

/**
 * One SQL statement of a statement-format log (or the DDL of a row-format one):
 * - CREATE TABLE names the columns of later row events; ALTER TABLE marks the table
 *   (its later row events are refused: positions may have moved);
 * - INSERT / REPLACE … VALUES become creates, read by the MySQL dump parser;
 * - UPDATE, DELETE, TRUNCATE, LOAD DATA, INSERT … SELECT and INSERT … ON DUPLICATE KEY
 *   UPDATE change rows chosen by the server's data, which the log does not hold: each is
 *   a problem naming its line (use binlog_format=ROW for such changes);
 * - anything else (BEGIN, COMMIT, SET, CREATE DATABASE, …) changes no rows and is counted.
 */
export function binlogStatement(sql: string, line: number, time: string | null, ctx: StatementContext): { changes: ChangeRecord[]; problems: ChangeProblem[] } {
  const none = { changes: [], problems: [] };
  const use = /^use\s+(`(?:[^`]|``)*`|\S+)$/i.exec(sql);
  if (use) {
    ctx.database = unquote(use[1]!);
    return none;
  }
  if (/^CREATE\s+(OR\s+REPLACE\s+)?(TEMPORARY\s+)?TABLE\b/i.test(sql)) {
    const table = parseCreateTable(sql);
    if (table) {
      ctx.schemas.add(table, ctx.database);
      ctx.altered.delete(qualifiedName(table.database ?? ctx.database, table.table));
      ctx.altered.delete(table.table.toLowerCase());
    }
    return none;
  }
  const alter = new RegExp(String.raw`^ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+${TABLE_NAME}`, 'i').exec(sql);
  if (alter) {
    const { database, table } = splitName(alter[1]!, ctx.database);
    ctx.altered.set(qualifiedName(database, table), line);
    return none;
  }
  const where = (table: string | undefined, database: string | undefined) => ({
    line, raw: sql, ...(database !== undefined && { database }), ...(table !== undefined && { table }),
    ...(table !== undefined && ctx.schemas.get(database, table) && { columns: ctx.schemas.get(database, table)!.columns.map((c) => c.name) }),
  });
  const unreplayable = UNREPLAYABLE.exec(sql);
  if (unreplayable) {
    const { database, table } = splitName(unreplayable[2]!, ctx.database);
    const verb = unreplayable[1]!.split(/\s+/)[0]!.toUpperCase();
    return { changes: [], problems: [{ ...where(table, database),
      reason: `a statement-format ${verb} cannot be applied: the rows it changes are chosen by the server's data, which the log does not hold. Log such changes with binlog_format=ROW (or MIXED) and decode them with --base64-output=decode-rows --verbose` }] };
  }
  if (/^(INSERT|REPLACE)\b/i.test(sql)) return insertStatement(sql, line, time, ctx, where);
  const word = /^[A-Za-z_]+/.exec(sql.replace(/^\/\*M?!\d*\s*/, ''))?.[0]?.toUpperCase() ?? 'other';
  ctx.skipped.set(word, (ctx.skipped.get(word) ?? 0) + 1);
  return none;
}

function insertStatement(sql: string, line: number, time: string | null, ctx: StatementContext, where: (table: string | undefined, database: string | undefined) => Omit<ChangeProblem, 'reason'>) {
  const target = new RegExp(String.raw`^(?:INSERT|REPLACE)(?:\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*\s+(?:INTO\s+)?${TABLE_NAME}`, 'i').exec(sql);
  const named = target ? splitName(target[1]!, ctx.database) : { database: ctx.database, table: undefined };
  const fail = (reason: string) => ({ changes: [], problems: [{ ...where(named.table, named.database), reason }] });
  if (/\bON\s+DUPLICATE\s+KEY\s+UPDATE\b/i.test(sql)) return fail('INSERT … ON DUPLICATE KEY UPDATE cannot be applied from a statement-format log: whether it inserts or updates depends on the server\'s data. Use binlog_format=ROW');
  let parsed;
  try {
    parsed = parseInsert(sql);
  } catch (error) {
    const detail = error instanceof InsertParseError ? error.message : String(error);
    return fail(/\bSELECT\b/i.test(sql) && !/\bVALUES?\b/i.test(sql)
      ? 'INSERT … SELECT cannot be applied from a statement-format log: its rows come from the server\'s data. Use binlog_format=ROW'
      : `the INSERT could not be read: ${detail}`);
  }
  const database = parsed.database ?? ctx.database;
  const definition = ctx.schemas.get(database, parsed.table);
  const columns = parsed.columns ?? definition?.columns.map((c) => c.name);
  if (!columns) return fail(`INSERT INTO ${parsed.table} names no columns and there is no CREATE TABLE for it: load the table's schema (mariadb-dump --no-data) with the log`);
  const changes: ChangeRecord[] = [];
  const problems: ChangeProblem[] = [];
  parsed.rows.forEach((values, i) => {
    if (values.length !== columns.length) {
      problems.push({ ...where(parsed.table, database), reason: `row ${i + 1} of the INSERT has ${values.length} values for ${columns.length} columns` });
      return;
    }
    const after: RowImage = new Map(columns.map((c, j) => [c, valueText(values[j]!)]));
    changes.push({ ...(database !== undefined && { database }), table: parsed.table, op: 'c', before: null, after, changeAt: time, line });
  });
  return { changes, problems };
}

const utf8 = new TextDecoder();

function valueText(value: Value): string | null {
  if (value === null || typeof value === 'string') return value;
  switch (value.kind) {
    case 'number':
      return value.text;
    case 'bits':
      return value.text;
    default:
      return utf8.decode(value.bytes);
  }
}

function splitName(name: string, database: string | undefined): { database: string | undefined; table: string } {
  const parts = name.match(/`(?:[^`]|``)*`|[^.]+/g)!.map(unquote);
  return parts.length > 1 ? { database: parts[0], table: parts[1]! } : { database, table: parts[0]! };
}

function qualifiedName(database: string | undefined, table: string): string {
  return `${database ? `${database}.` : ''}${table}`.toLowerCase();
}
