/**
 * What a dump statement is, as far as loading data goes. Versioned comments
 * (`/*!40101 SET NAMES utf8mb4 *\/`) are statements MySQL runs, so they are unwrapped
 * first; MariaDB's `/*M!999999\- enable the sandbox mode *\/` line is a client command.
 */
export type DumpStatementKind =
  | { kind: 'insert' }
  | { kind: 'create-table' }
  | { kind: 'create-view'; name: string }
  | { kind: 'use'; database: string }
  | { kind: 'create-database'; database: string }
  | { kind: 'set-names'; charset: string }
  /** Statements a dump has that carry no rows: SET, DROP, LOCK, triggers, routines… */
  | { kind: 'ignored' }
  | { kind: 'unknown' };

const IGNORED = /^(SET|DROP|LOCK|UNLOCK|ALTER|START|BEGIN|COMMIT|ROLLBACK|DELIMITER|FLUSH|GRANT|REVOKE|CHANGE|RESET|SAVEPOINT|RELEASE|CREATE\s+(DEFINER\b|TRIGGER\b|PROCEDURE\b|FUNCTION\b|EVENT\b|INDEX\b|UNIQUE\b|SEQUENCE\b|ROLE\b|USER\b|SERVER\b|ALGORITHM\b|SQL\s+SECURITY\b)|\/\*M!)/i;

/** Classifies a statement from its first few hundred characters (INSERTs can be huge). */
export function classifyStatement(head: string): DumpStatementKind {
  const text = head;
  const sql = unwrapVersioned(text);
  const word = /^[A-Za-z]+/.exec(sql)?.[0]?.toUpperCase();
  if (word === 'INSERT' || word === 'REPLACE') return { kind: 'insert' };
  let m = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?TABLE\b/i.exec(sql);
  if (m) return { kind: 'create-table' };
  m = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:ALGORITHM\s*=\s*\w+\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?VIEW\s+((?:[`"][^`"]+[`"]|\w+)(?:\.(?:[`"][^`"]+[`"]|\w+))?)/i.exec(sql);
  if (m) return { kind: 'create-view', name: m[1]!.replace(/[`"]/g, '') };
  m = /^USE\s+([`"]?)(.+?)\1\s*$/i.exec(sql);
  if (m) return { kind: 'use', database: m[2]! };
  m = /^CREATE\s+(?:DATABASE|SCHEMA)\s+(?:\/\*!\d+\s*)?(?:IF\s+NOT\s+EXISTS\s+)?(?:\*\/\s*)?([`"]?)([^`"\s]+)\1/i.exec(sql);
  if (m) return { kind: 'create-database', database: m[2]! };
  m = /^SET\s+NAMES\s+'?(\w+)'?/i.exec(sql);
  if (m) return { kind: 'set-names', charset: m[1]! };
  if (IGNORED.test(sql)) return { kind: 'ignored' };
  return { kind: 'unknown' };
}

/**
 * Removes versioned-comment markers, keeping what they wrap: `/*!40101 SET NAMES x *\/`
 * → `SET NAMES x`, and the trigger form `/*!50003 CREATE*\/ /*!50017 DEFINER=…*\/ …`.
 */
export function unwrapVersioned(text: string): string {
  let sql = text;
  for (let open = sql.indexOf('/*!'); open >= 0; open = sql.indexOf('/*!', open)) {
    const body = /^\/\*!\d*\s?/.exec(sql.slice(open))![0].length;
    const close = sql.indexOf('*/', open + body);
    sql = close < 0 ? sql.slice(0, open) + sql.slice(open + body) : sql.slice(0, open) + sql.slice(open + body, close) + sql.slice(close + 2);
  }
  return sql.trim();
}
