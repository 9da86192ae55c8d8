import { parseCreateTable, type TableDefinition } from '../../mysql/createTable';

/**
 * The tables a binary log's row events refer to by position (`@1`, `@2`, …), from CREATE
 * TABLE statements: the log's own (DDL is always logged as a statement) and those of
 * schema dumps loaded with it (`mariadb-dump --no-data`). Looked up by database and
 * table, or by table alone when the dump did not say its database.
 */
export class BinlogSchemas {
  private readonly byName = new Map<string, TableDefinition>();

  add(table: TableDefinition, database?: string): void {
    const db = table.database ?? database;
    this.byName.set(key(db, table.table), db === undefined ? table : { ...table, database: db });
    this.byName.set(key(undefined, table.table), table);
  }

  get(database: string | undefined, table: string): TableDefinition | undefined {
    return this.byName.get(key(database, table)) ?? this.byName.get(key(undefined, table));
  }

  get size(): number {
    return this.byName.size;
  }

  /**
   * Every CREATE TABLE in an SQL text (a schema dump, a full dump, another decoded log),
   * with the database of the `USE` before it. Statement boundaries come from the table
   * body's parentheses (parseCreateTable), so the text need not be split first.
   */
  addFromSql(text: string): number {
    let added = 0;
    const re = /^\s*(USE\s+[`"]?([^`";\s/]+)[`"]?|CREATE\s+(OR\s+REPLACE\s+)?(TEMPORARY\s+)?TABLE\b)/gim;
    let database: string | undefined;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[2] !== undefined) {
        database = m[2];
        continue;
      }
      const table = parseCreateTable(text.slice(m.index, m.index + MAX_CREATE));
      if (table) {
        this.add(table, database);
        added++;
      }
    }
    return added;
  }
}

/** Longer table bodies than this are not expected in a CREATE TABLE. */
const MAX_CREATE = 256 * 1024;

function key(database: string | undefined, table: string): string {
  return `${database?.toLowerCase() ?? ''}\u0000${table.toLowerCase()}`;
}

/** `\`name\`` → name (doubled back-quotes inside undone); a bare name as is. */
export function unquote(name: string): string {
  return name.startsWith('`') ? name.slice(1, -1).replace(/``/g, '`') : name;
}
