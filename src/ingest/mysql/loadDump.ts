import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { tableExists } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import { IngestError, type IngestProblem } from '../ingestError';
import { baseName, chunksOf, type InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { recogniseSource, tableNameFromPath } from '../recogniseSource';
import { parseCreateTable, type TableDefinition } from './createTable';
import { classifyStatement } from './dumpStatement';
import { DumpTable, type RejectedRow } from './dumpTable';
import { InsertParseError, parseInsertInto } from './insertValues';
import { StatementSplitter, type SqlStatement } from './statementSplitter';
import { parseTabRows } from './tabValues';
import { encodingOf } from './textEncoding';
import { isMysqlXml, readXmlDump, XmlDumpError } from './xmlDump';

export interface DumpLoadContext {
  id: string;
  loadedAt: string;
  /** Bytes handed to the splitter at a time; the file is never decoded as one string. */
  chunkSize?: number;
  /** Called as the file is read, with the bytes read so far (progress on a long dump). */
  onBytes?: (bytesRead: number) => void;
}

const SAMPLE_PROBLEMS = 5;
const HEAD = new TextDecoder('utf-8', { fatal: false });

/**
 * Loads one table of a `mysqldump --tab` export: `<table>.sql` holds its CREATE TABLE,
 * `<table>.txt` its rows (tab-separated, written by the server).
 */
export async function loadTabExport(engine: Engine, schema: InputFile, data: InputFile, ctx: DumpLoadContext): Promise<{ sources: LoadedSource[]; notes: string[] }> {
  const loader = new DumpLoader(engine, schema, ctx);
  try {
    await loader.read();
    await loader.readTab(data);
    return await loader.finish();
  } finally {
    await loader.cleanUp();
  }
}

/**
 * Loads a mysqldump / mariadb-dump file into bronze: one bronze table per dumped table,
 * with the types its CREATE TABLE declares. Statements stream through the splitter; an
 * INSERT that cannot be parsed is reported with its file, line and statement number and
 * its unread rows go to quarantine, while the rest of the file still loads.
 */
export async function loadDump(engine: Engine, file: InputFile, ctx: DumpLoadContext): Promise<{ sources: LoadedSource[]; notes: string[] }> {
  const loader = new DumpLoader(engine, file, ctx);
  try {
    await loader.read();
    return await loader.finish();
  } finally {
    await loader.cleanUp();
  }
}

class DumpLoader {
  private readonly definitions = new Map<string, TableDefinition>();
  private readonly tables = new Map<string, DumpTable>();
  private readonly databases = new Set<string>();
  private readonly notes: string[] = [];
  private readonly problems: IngestProblem[] = [];
  private database: string | undefined;
  private charset = 'utf-8';
  private current: DumpTable | undefined;
  private unknownStatements: SqlStatement[] = [];
  /** The file rows come from, for `_source`: the dump, or a --tab export's data file. */
  private origin: string;
  private verbs = new Set<string>();
  /** Statements that only a dump would have: with none, the file is not a dump. */
  private dumpStatements = 0;

  constructor(
    private readonly engine: Engine,
    private readonly file: InputFile,
    private readonly ctx: DumpLoadContext,
  ) {
    this.origin = file.path;
  }

  async read(): Promise<void> {
    if (isMysqlXml(this.file.bytes)) return this.readXml();
    const splitter = new StatementSplitter();
    let read = 0;
    for await (const chunk of chunksOf(this.file, this.ctx.chunkSize ?? 1 << 20)) {
      for (const statement of splitter.push(chunk)) await this.handle(statement);
      this.ctx.onBytes?.((read += chunk.length));
    }
    const end = splitter.end();
    for (const statement of end.statements) await this.handle(statement);
    if (end.error) {
      const where = { line: end.error.line, statement: end.error.index, byteOffset: end.error.byteOffset };
      this.problems.push({ file: this.file.path, ...where, message: end.error.message });
      // A dump cut off in the middle of an INSERT: the rows before the cut still load.
      if (end.error.kind === 'truncated-statement' && classifyStatement(HEAD.decode(end.error.bytes.subarray(0, 400))).kind === 'insert') {
        await this.insert({ bytes: end.error.bytes, line: end.error.line, index: end.error.index, byteOffset: end.error.byteOffset, text: '' }, true);
      }
    }
    for (const table of this.tables.values()) await table.flush(this.engine, this.charset);
  }

  /** `mysqldump --xml`: table structures and rows as elements instead of statements. */
  private async readXml(): Promise<void> {
    try {
      await readXmlDump(this.file.bytes, {
        table: (definition) => {
          this.definitions.set(key(definition.database, definition.table), definition);
          if (definition.database) this.databases.add(definition.database);
          this.dumpStatements++;
        },
        view: (name) => this.note(`view ${name} skipped: a view holds no rows`),
        row: async (database, name, fields, at) => {
          const table = this.table(database, name);
          const sink = table.sink({ verb: 'INSERT', ignore: false, table: name, columns: fields.map(([c]) => c) }, { statement: 0, ...at });
          for (const [, value] of fields) {
            if (value === null) sink.null();
            else sink.string(value, 0, value.length, false);
          }
          sink.endRow();
          if (table.isFull) await table.flush(this.engine, this.charset);
        },
      });
    } catch (error) {
      if (!(error instanceof XmlDumpError)) throw error;
      this.problems.push({ file: this.file.path, line: error.line, byteOffset: error.byteOffset, message: error.message });
    }
    for (const table of this.tables.values()) await table.flush(this.engine, this.charset);
  }

  /** The rows of `<table>.txt` into the table the `.sql` declared (or an untyped one). */
  async readTab(data: InputFile): Promise<void> {
    const name = baseName(data.path).replace(/\.txt$/i, '');
    const table = this.table(this.database, name);
    const where = { statement: 0, line: 1, byteOffset: 0 };
    const sink = table.sink({ verb: 'INSERT', ignore: false, table: name }, where);
    parseTabRows(data.bytes, sink, (at) => Object.assign(where, at));
    this.origin = data.path;
    await table.flush(this.engine, this.charset);
  }

  private async handle(statement: SqlStatement): Promise<void> {
    const kind = classifyStatement(HEAD.decode(statement.bytes.subarray(0, 400)));
    if (kind.kind !== 'unknown' && kind.kind !== 'ignored') this.dumpStatements++;
    switch (kind.kind) {
      case 'insert':
        return this.insert(statement, false);
      case 'create-table': {
        const definition = parseCreateTable(statement.text);
        if (!definition) {
          this.problem(statement, 'this CREATE TABLE could not be read; its rows are loaded as text');
          return;
        }
        const database = definition.database ?? this.database;
        this.definitions.set(key(database, definition.table), definition);
        if (database) this.databases.add(database);
        return;
      }
      case 'create-view':
        this.note(`view ${kind.name} skipped: a view holds no rows`);
        return;
      case 'use':
        this.database = kind.database;
        this.databases.add(kind.database);
        return;
      case 'create-database':
        this.databases.add(kind.database);
        return;
      case 'set-names': {
        const encoding = encodingOf(kind.charset);
        if (!encoding) this.problem(statement, `character set ${kind.charset} is not supported; text is read as UTF-8`);
        this.charset = encoding ?? 'utf-8';
        return;
      }
      case 'ignored':
        this.dumpStatements++;
        return;
      case 'unknown':
        this.unknownStatements.push(statement);
    }
  }

  private async insert(statement: SqlStatement, truncated: boolean): Promise<void> {
    let table: DumpTable | undefined;
    const where = { statement: statement.index, line: statement.line, byteOffset: statement.byteOffset };
    try {
      parseInsertInto(statement.bytes, (header) => {
        this.verbs.add(header.ignore ? 'INSERT IGNORE' : header.verb);
        table = this.table(header.database ?? this.database, header.table);
        return table.sink(header, where);
      });
    } catch (error) {
      if (!(error instanceof InsertParseError)) throw error;
      table?.abortRow();
      // Positions point at the row that failed; the raw text runs from it to the end.
      const at = lineAndOffset(statement, error.rowByteOffset);
      const rest = HEAD.decode(statement.bytes.subarray(error.rowByteOffset));
      const reason = truncated
        ? `the file ends inside this INSERT: rows after row ${error.rowsBefore} of the statement are incomplete`
        : `this INSERT could not be parsed ${error.message}; rows after row ${error.rowsBefore} of the statement were not loaded`;
      this.problems.push({ file: this.file.path, statement: statement.index, ...at, message: `${table ? `table ${table.table}: ` : ''}${reason}` });
      table?.rejected.push({ row: null, statement: statement.index, ...at, reason, raw: rest });
    }
    if (table && table !== this.current) {
      // Dumps write one table at a time: the previous table's batch can go now.
      if (this.current) {
        await this.current.flush(this.engine, this.charset);
        this.current.release();
      }
      this.current = table;
    }
    if (table?.isFull) await table.flush(this.engine, this.charset);
  }

  private table(database: string | undefined, name: string): DumpTable {
    const k = key(database, name);
    let table = this.tables.get(k);
    if (!table) {
      const definition = this.definitions.get(k) ?? (database === undefined ? undefined : this.definitions.get(key(undefined, name)));
      const columns = definition?.columns.map((c) => ({ name: c.name, type: c.type })) ?? [];
      table = new DumpTable(database, name, columns, definition !== undefined, `_dump_${this.ctx.id}_${this.tables.size}`);
      if (!definition) this.note(`table ${name}: no CREATE TABLE in the dump, so its columns are kept as text`);
      this.tables.set(k, table);
    }
    return table;
  }

  /** Moves every table's pending rows into bronze (and quarantine) under its final name. */
  async finish(): Promise<{ sources: LoadedSource[]; notes: string[] }> {
    // Tables declared but never filled still become (empty) bronze tables.
    for (const [k, definition] of this.definitions) {
      if (!this.tables.has(k)) this.table(k.includes('.') ? k.slice(0, k.indexOf('.')) : undefined, definition.table);
    }
    if (this.tables.size === 0 && this.dumpStatements === 0) {
      const first = this.unknownStatements[0];
      throw new IngestError(
        this.file.path,
        first
          ? `this does not look like a MySQL dump: statement ${first.index} is not SQL a dump contains (${JSON.stringify(HEAD.decode(first.bytes.subarray(0, 60)))}), and no CREATE TABLE or INSERT was found.`
          : 'no CREATE TABLE or INSERT statement found: the dump holds no tables.',
        first ? { line: first.line, statement: first.index, byteOffset: first.byteOffset } : {},
      );
    }
    if (this.unknownStatements.length) {
      const s = this.unknownStatements[0]!;
      this.problem(s, `${this.unknownStatements.length} statement(s) that are not part of a dump's data were skipped, the first: ${JSON.stringify(HEAD.decode(s.bytes.subarray(0, 60)))}`);
    }
    if (this.verbs.has('REPLACE') || this.verbs.has('INSERT IGNORE')) {
      this.note('REPLACE INTO / INSERT IGNORE rows are kept as written; duplicate keys are resolved in silver');
    }
    const several = new Set([...this.tables.values()].map((t) => t.database ?? '')).size > 1;
    const sources: LoadedSource[] = [];
    for (const table of this.tables.values()) sources.push(await this.moveToBronze(table, several));
    return { sources, notes: this.notes };
  }

  private async moveToBronze(table: DumpTable, several: boolean): Promise<LoadedSource> {
    const started = performance.now();
    const names = table.columns.map((c) => c.name);
    const recognised = recogniseSource(names);
    const own = several && table.database ? `${table.database}__${table.table}` : table.table;
    const source = recognised ?? tableNameFromPath(own);
    const origin = `${this.origin}:${table.database ? `${table.database}.` : ''}${table.table}`;
    const meta = `${quoteLiteral(origin)} AS _source, 'mysql' AS _source_kind, TIMESTAMP ${quoteLiteral(this.ctx.loadedAt)} AS _loaded_at`;
    if (table.hasPending && !(await tableExists(this.engine, 'bronze', source))) {
      // The usual case, a new table: add the constant columns and rename it into place.
      const add = (column: string, type: string, value: string) =>
        `ALTER TABLE ${table.pendingTable} ADD COLUMN ${column} ${type} DEFAULT ${value}; ALTER TABLE ${table.pendingTable} ALTER COLUMN ${column} DROP DEFAULT;`;
      await this.engine.exec(
        add('_source', 'VARCHAR', quoteLiteral(origin)) +
          add('_source_kind', 'VARCHAR', "'mysql'") +
          add('_loaded_at', 'TIMESTAMP', `TIMESTAMP ${quoteLiteral(this.ctx.loadedAt)}`) +
          `ALTER TABLE ${table.pendingTable} RENAME TO ${quoteIdent(source)}`,
      );
    } else if (table.hasPending) {
      await appendTable(this.engine, 'bronze', source, `SELECT * EXCLUDE (_row), _row, ${meta} FROM ${table.pendingTable}`);
    } else {
      const columns = table.columns.map((c) => `NULL::${c.type.duckdb} AS ${quoteIdent(c.name)}`);
      await appendTable(this.engine, 'bronze', source, `SELECT ${[...columns, 'NULL::BIGINT AS _row', meta].join(', ')} LIMIT 0`);
    }
    const quarantined = await this.quarantine(table, source, origin);
    const notes: string[] = [];
    for (const { name } of table.columns) {
      const n = table.zeroDates.get(name);
      if (n) notes.push(`${table.table}.${name}: ${n} zero date(s) (0000-00-00) loaded as NULL`);
    }
    const samples = this.problems.filter((p) => p.message.startsWith(`table ${table.table}:`)).slice(0, SAMPLE_PROBLEMS);
    for (const [column, n] of table.invalidText) {
      samples.push({ file: this.file.path, message: `${table.table}.${column}: ${n} value(s) were not valid UTF-8; invalid bytes were replaced with U+FFFD` });
    }
    const rows = table.pendingRows;
    return {
      file: this.file.path,
      format: 'mysql',
      source,
      recognised: recognised !== undefined,
      table: `bronze.${source}`,
      rows,
      quarantined,
      columns: names,
      samples: [...samples, ...this.problems.filter((p) => !p.message.startsWith('table ')).slice(0, SAMPLE_PROBLEMS)],
      notes,
      milliseconds: Math.round(performance.now() - started),
    };
  }

  /** Rows that could not be parsed or cast go to quarantine.<source> with their reason. */
  private async quarantine(table: DumpTable, source: string, origin: string): Promise<number> {
    const common = `${quoteLiteral(origin)} AS _source, 'mysql' AS _source_kind, TIMESTAMP ${quoteLiteral(this.ctx.loadedAt)} AS _loaded_at, 'ingest' AS _stage`;
    let count = 0;
    if (table.rejected.length) {
      const staged = `main.${quoteIdent(`_dump_${this.ctx.id}_rejected`)}`;
      await this.engine.insertArrow(staged.replaceAll('"', ''), rejectedRowsTable(table.rejected));
      try {
        await appendTable(this.engine, 'quarantine', source,
          `SELECT _row::BIGINT AS _row, _statement::INTEGER AS _statement, _line::BIGINT AS _line,
             _byte_offset::BIGINT AS _byte_offset, _reason, _raw, ${common} FROM ${staged}`);
      } finally {
        await this.engine.exec(`DROP TABLE IF EXISTS ${staged}`);
      }
      count += table.rejected.length;
    }
    const uncastable = table.castRejects ? Number((await this.engine.query(`SELECT count(*)::BIGINT AS n FROM ${table.castRejectsTable}`)).get(0)?.n ?? 0) : 0;
    if (uncastable > 0) {
      await appendTable(this.engine, 'quarantine', source, `SELECT *, ${common} FROM ${table.castRejectsTable}`);
      count += uncastable;
    }
    return count;
  }

  async cleanUp(): Promise<void> {
    for (const table of this.tables.values()) await table.drop(this.engine);
  }

  private note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  private problem(statement: SqlStatement, message: string): void {
    this.problems.push({ file: this.file.path, line: statement.line, statement: statement.index, byteOffset: statement.byteOffset, message });
  }
}

function key(database: string | undefined, table: string): string {
  return database === undefined ? table : `${database}.${table}`;
}

/** The line and file offset of a byte inside a statement. */
function lineAndOffset(statement: SqlStatement, offset: number): { line: number; byteOffset: number } {
  let line = statement.line;
  const end = Math.min(offset, statement.bytes.length);
  for (let i = 0; i < end; i++) if (statement.bytes[i] === 0x0a) line++;
  return { line, byteOffset: statement.byteOffset + offset };
}

/** Rejected rows as Arrow: their raw text may be long or hold any character. */
function rejectedRowsTable(rows: RejectedRow[]): Table {
  return new Table({
    _row: vectorFromArray(rows.map((r) => r.row), new Float64()),
    _statement: vectorFromArray(rows.map((r) => r.statement), new Float64()),
    _line: vectorFromArray(rows.map((r) => r.line), new Float64()),
    _byte_offset: vectorFromArray(rows.map((r) => r.byteOffset), new Float64()),
    _reason: vectorFromArray(rows.map((r) => r.reason), new Utf8()),
    _raw: vectorFromArray(rows.map((r) => r.raw), new Utf8()),
  });
}
