import type { Engine } from '../../engine/interface';
import { moveDumpTableToBronze } from './dumpBronze';
import { quarantineDumpTable, refusedRowSamples } from './dumpQuarantine';
import { refuseBinary } from './refuseBinary';
import { IngestError, type IngestProblem } from '../ingestError';
import { baseName, chunksOf, sizeOf, type InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { recogniseSource, tableNameFromPath } from '../recogniseSource';
import { parseCreateTable, type TableDefinition } from './createTable';
import { classifyStatement, unwrapVersioned, type DumpStatementKind } from './dumpStatement';
import { DumpTable, type RowOrigin } from './dumpTable';
import { InsertParseError, parseInsertInto } from './insertValues';
import { StatementSplitter, StatementTooLarge, type SplitError, type SqlStatement } from './statementSplitter';
import { formatBytes } from '../formatBytes';
import { throwIfCancelled } from '../cancelled';
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
  /** The longest statement read before giving up on it (DEFAULT_MAX_STATEMENT_BYTES). */
  maxStatementBytes?: number;
  /** Checked between chunks and before the tables move into bronze: a cancel drops every `_loading` table. */
  signal?: AbortSignal;
}

/**
 * What a dump became: its bronze tables, notes on the whole file, and errors — parts of
 * the file that could not be loaded (it is cut off), while the rest did load.
 */
export interface DumpLoaded {
  sources: LoadedSource[];
  notes: string[];
  errors: IngestProblem[];
}

/** Where and how an INSERT broke off. */
interface InsertBreak {
  line: number;
  byteOffset: number;
  /** It ran out (cut off) rather than went wrong in the middle (an unbalanced quote). */
  atEnd: boolean;
  table?: string;
}

const SAMPLE_PROBLEMS = 5;
const HEAD = new TextDecoder('utf-8', { fatal: false });

/**
 * Loads one table of a `mysqldump --tab` export: `<table>.sql` holds its CREATE TABLE,
 * `<table>.txt` its rows (tab-separated, written by the server).
 */
export async function loadTabExport(engine: Engine, schema: InputFile, data: InputFile, ctx: DumpLoadContext): Promise<DumpLoaded> {
  const loader = new DumpLoader(engine, schema, ctx);
  try {
    await loader.read();
    await loader.readTab(data);
    throwIfCancelled(ctx.signal);
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
export async function loadDump(engine: Engine, file: InputFile, ctx: DumpLoadContext): Promise<DumpLoaded> {
  const loader = new DumpLoader(engine, file, ctx);
  try {
    await loader.read();
    throwIfCancelled(ctx.signal);
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
  /** Problems that leave part of the file out of bronze: the load of this file failed. */
  private readonly errors: IngestProblem[] = [];
  /**
   * Seen views, routines, databases…: a dump of those alone holds no table and is still a
   * dump. Without them and without tables, it is session setup (SET …) at most: what
   * mysqldump writes before it fails.
   */
  private holdsObjects = false;
  /** Where the file ended (once read). */
  private end = { line: 1, byteOffset: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly file: InputFile,
    private readonly ctx: DumpLoadContext,
  ) {
    this.origin = file.path;
  }

  async read(): Promise<void> {
    if (isMysqlXml(this.file.bytes)) return this.readXml();
    const splitter = new StatementSplitter(this.ctx.maxStatementBytes);
    let read = 0;
    try {
      for await (const chunk of chunksOf(this.file, this.ctx.chunkSize ?? 1 << 20)) {
        throwIfCancelled(this.ctx.signal);
        for (const statement of splitter.push(chunk)) await this.handle(statement);
        this.ctx.onBytes?.((read += chunk.length));
      }
    } catch (error) {
      if (!(error instanceof StatementTooLarge)) throw error;
      // A quote that never closes: stop here rather than buffer the rest of the file.
      await this.unfinished(error.error, error.readTo);
      for (const table of this.tables.values()) await table.flush(this.engine, this.charset);
      return;
    }
    const end = splitter.end();
    this.end = { line: splitter.lineCount, byteOffset: read };
    for (const statement of end.statements) await this.handle(statement);
    if (end.error) await this.unfinished(end.error);
    for (const table of this.tables.values()) await table.flush(this.engine, this.charset);
  }

  /**
   * The file ended inside a statement or a comment: cut off, or a quote or comment that
   * never closes swallowed the rest. Either way part of the file is missing from bronze,
   * so it is an error of the file (what came before still loads); a cut INSERT also
   * loads its rows up to the break, and the rest of it goes to quarantine.
   */
  private async unfinished(error: SplitError, readTo?: number): Promise<void> {
    const where = { statement: error.index, line: error.line, byteOffset: error.byteOffset };
    if (error.kind === 'unterminated-comment') {
      return this.fileError(where,
        'a comment opened here is never closed, so the rest of the file was skipped as part of it: the dump is cut off, or the comment is not closed. ' +
        'Everything before the comment loaded; get the complete dump (or close the comment) and load it again.');
    }
    const statement = { bytes: error.bytes, line: error.line, index: error.index, byteOffset: error.byteOffset, text: '' };
    const kind = classifyStatement(HEAD.decode(error.bytes.subarray(0, 400))).kind;
    if (kind === 'unknown' && this.dumpStatements === 0 && this.tables.size === 0) {
      // The file never was a dump (no ";" in it at all): say what it is instead.
      refuseBinary(this.file.path, statement);
      this.unknownStatements.push(statement);
      return;
    }
    if (error.kind === 'oversized-statement') return this.oversized(statement, kind === 'insert', readTo ?? error.byteOffset + error.bytes.length);
    if (kind !== 'insert') {
      return this.fileError(where,
        `the dump is cut off: the file ends inside statement ${error.index}, which starts here (an interrupted dump, download or copy?), or a quote in it is never closed. ` +
        'Everything before it loaded; get the complete dump and load it again.');
    }
    const broken = await this.insert(statement, 'end');
    if (!broken) {
      return this.fileError(where, `the file ends inside statement ${error.index} (an INSERT) without its ";": the dump is cut off right after its last row. Every row loaded; check that nothing else is missing.`);
    }
    const at = { statement: error.index, line: broken.line, byteOffset: broken.byteOffset };
    const into = broken.table ? ` (an INSERT into ${broken.table})` : '';
    this.fileError(at, broken.atEnd
      ? `the dump is cut off: the file ends inside statement ${error.index}${into}, in a row that starts here (an interrupted dump, download or copy?). ` +
        'Every row before it loaded and the incomplete rest is in quarantine; get the complete dump to load what is missing.'
      : `statement ${error.index}${into} never ends: from the row that starts here its quotes do not pair up, so the rest of the file was read as part of it. ` +
        'The rows before it loaded and the rest of the file is in quarantine as raw text; fix the quoting here and load the dump again.');
  }

  /** A statement that grew past the limit (a quote that never closes): the file is read no further. */
  private async oversized(statement: SqlStatement, isInsert: boolean, readTo: number): Promise<void> {
    const broken = isInsert ? await this.insert(statement, 'oversized') : undefined;
    const row = broken ? ` from the row at line ${broken.line}, byte ${broken.byteOffset}` : '';
    const into = broken?.table ? ` (an INSERT into ${broken.table})` : '';
    const unread = sizeOf(this.file) - readTo;
    this.fileError({ statement: statement.index, line: statement.line, byteOffset: statement.byteOffset },
      `statement ${statement.index}${into} grows past ${formatBytes(statement.bytes.length)} without ending: ${row ? `${row.slice(1)} ` : ''}its quotes most likely do not pair up, ` +
      `so the rest of the file reads as one string. ${broken ? 'The rows before that row loaded and the text after it is in quarantine; ' : ''}` +
      `the file was read no further (${formatBytes(Math.max(0, unread))} unread). Fix the quoting there and load the dump again ` +
      '(a statement really this long: dump again with a smaller --net-buffer-length).');
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
          sink.endRow(0, 0); // no row text: a refused row is kept as its values
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
    // Rows are lines of the data file: a refused one is kept as its line.
    const origin: RowOrigin = { byteOffset: (start) => start, describe: (start, end) => ({ line: where.line, raw: HEAD.decode(data.bytes.subarray(start, end)).replace(/\n$/, '') }) };
    this.origin = data.path;
    const sink = table.sink({ verb: 'INSERT', ignore: false, table: name }, where, origin);
    parseTabRows(data.bytes, sink, (at) => Object.assign(where, at));
    await table.flush(this.engine, this.charset);
  }

  private async handle(statement: SqlStatement): Promise<void> {
    const kind = classifyStatement(HEAD.decode(statement.bytes.subarray(0, 400)));
    // Binary data where a dump starts: say so now rather than scan the whole file.
    if (kind.kind === 'unknown' && this.dumpStatements === 0 && this.tables.size === 0) refuseBinary(this.file.path, statement);
    if (kind.kind !== 'unknown' && kind.kind !== 'ignored') this.dumpStatements++;
    if (kind.kind !== 'unknown' && !isSetup(kind, statement)) this.holdsObjects = true;
    switch (kind.kind) {
      case 'insert':
        await this.insert(statement, false);
        return;
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

  /** Loads an INSERT's rows; when it breaks, says where (the row it broke in) and how. */
  private async insert(statement: SqlStatement, truncated: false | 'end' | 'oversized'): Promise<InsertBreak | undefined> {
    let table: DumpTable | undefined;
    let broken: InsertBreak | undefined;
    const where = { statement: statement.index, line: statement.line, byteOffset: statement.byteOffset };
    const origin: RowOrigin = {
      byteOffset: (start) => statement.byteOffset + start,
      describe: (start, end) => ({ line: lineAndOffset(statement, start).line, raw: HEAD.decode(statement.bytes.subarray(start, end)) }),
    };
    try {
      parseInsertInto(statement.bytes, (header) => {
        this.verbs.add(header.ignore ? 'INSERT IGNORE' : header.verb);
        table = this.table(header.database ?? this.database, header.table);
        return table.sink(header, where, origin);
      });
    } catch (error) {
      if (!(error instanceof InsertParseError)) throw error;
      table?.abortRow();
      // Positions point at the row that failed; the raw text runs from it to the end.
      const at = lineAndOffset(statement, error.rowByteOffset);
      const rest = HEAD.decode(statement.bytes.subarray(error.rowByteOffset));
      const after = `rows after row ${error.rowsBefore} of the statement`;
      const reason = !truncated
        ? `this INSERT could not be parsed ${error.message}; ${after} were not loaded and are kept here as raw text. Fix the statement and load the dump again`
        : truncated === 'oversized'
          ? `this INSERT grows past ${formatBytes(statement.bytes.length)} without ending: a quote is most likely not closed, so the rest of the file reads as part of it. ` +
            `The ${after} and what follows (up to where reading stopped) are kept here as raw text; fix the quoting and load the dump again`
        : error.atEnd
          ? `the file ends inside this INSERT: ${after} are incomplete (the dump is cut off here). Get the complete dump to load them`
          : `this INSERT could not be parsed ${error.message}, and it never ends: a quote is not closed, so the rest of the file was read into it. ` +
            `The ${after} and the rest of the file are kept here as raw text; fix the quoting and load the dump again`;
      this.problems.push({ file: this.file.path, statement: statement.index, ...at, message: `${table ? `table ${table.table}: ` : ''}${reason}` });
      table?.rejected.push({ row: null, statement: statement.index, ...at, reason, raw: rest });
      broken = { ...at, atEnd: error.atEnd, table: table?.table };
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
    return broken;
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
  async finish(): Promise<DumpLoaded> {
    // Tables declared but never filled still become (empty) bronze tables.
    for (const [k, definition] of this.definitions) {
      if (!this.tables.has(k)) this.table(k.includes('.') ? k.slice(0, k.indexOf('.')) : undefined, definition.table);
    }
    if (this.tables.size === 0 && !this.holdsObjects) this.refuseEmpty();
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
    return { sources, notes: this.notes, errors: this.errors };
  }

  /** No table in the file: nothing to load, and the message says what the file was instead. */
  private refuseEmpty(): never {
    const first = this.unknownStatements[0];
    const again = 'mysqldump writes this when it stops right after its header (look at its error output) or is given no tables; dump the database again.';
    if (first) {
      throw new IngestError(
        this.file.path,
        `this does not look like a MySQL dump: statement ${first.index} is not SQL a dump contains (${JSON.stringify(HEAD.decode(first.bytes.subarray(0, 60)))}), and no CREATE TABLE or INSERT was found. ` +
          'Load the .sql file that mysqldump or mariadb-dump wrote.',
        { line: first.line, statement: first.index, byteOffset: first.byteOffset },
      );
    }
    if (this.end.byteOffset === 0 && sizeOf(this.file) === 0) {
      throw new IngestError(this.file.path, 'the file is empty (0 bytes): there is nothing to load. Check that the dump finished writing, and dump or copy it again.', { line: 1, byteOffset: 0 });
    }
    throw new IngestError(
      this.file.path,
      this.dumpStatements === 0
        ? `the file ends here with only comments before it: no CREATE TABLE or INSERT statement, so there is nothing to load. ${again}`
        : `the dump holds no tables: it ends here after ${this.dumpStatements} setup statement(s) (SET, …) without a CREATE TABLE or INSERT. ${again}`,
      this.end,
    );
  }

  private fileError(where: { statement?: number; line: number; byteOffset: number }, message: string): void {
    this.errors.push({ file: this.file.path, ...where, message });
  }

  private async moveToBronze(table: DumpTable, several: boolean): Promise<LoadedSource> {
    const started = performance.now();
    const names = table.columns.map((c) => c.name);
    const recognised = recogniseSource(names);
    const own = several && table.database ? `${table.database}__${table.table}` : table.table;
    const source = recognised ?? tableNameFromPath(own);
    const origin = `${this.origin}:${table.database ? `${table.database}.` : ''}${table.table}`;
    await moveDumpTableToBronze(this.engine, table, { source, origin, loadedAt: this.ctx.loadedAt });
    const quarantined = await quarantineDumpTable(this.engine, table, { source, origin, loadedAt: this.ctx.loadedAt, staging: `_dump_${this.ctx.id}_rejected` });
    const notes: string[] = [];
    for (const { name } of table.columns) {
      const n = table.zeroDates.get(name);
      if (n) notes.push(`${table.table}.${name}: ${n} zero date(s) (0000-00-00) loaded as NULL`);
    }
    const samples = this.problems.filter((p) => p.message.startsWith(`table ${table.table}:`)).slice(0, SAMPLE_PROBLEMS);
    // Rows refused one by one (too few values, a value that does not cast): the first ones.
    samples.push(...(await refusedRowSamples(this.engine, this.origin, table, SAMPLE_PROBLEMS - samples.length)));
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

function isSetup(kind: DumpStatementKind, statement: SqlStatement): boolean {
  if (kind.kind === 'set-names') return true;
  return kind.kind === 'ignored' && /^(SET\b|\/\*M!)/i.test(unwrapVersioned(HEAD.decode(statement.bytes.subarray(0, 400))));
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
