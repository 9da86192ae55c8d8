import { Float64, Int32, Table, makeData, makeVector, type Vector } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { ByteColumn } from '../arrow/byteColumn';
import { isOutOfMemory } from '../outOfMemory';
import type { InsertHeader, ValueSink } from './insertValues';
import { UNTYPED, type ColumnType } from './mysqlTypes';
import { invalidUtf8Values, replaceInvalidUtf8, transcodeToUtf8 } from './textEncoding';

export interface DumpColumn {
  name: string;
  type: ColumnType;
}

/**
 * Where the rows a sink receives come from, so that a refused row can be quarantined with
 * its position and its text as written. `start`/`end` are the offsets `endRow` receives.
 */
export interface RowOrigin {
  /** The row's offset in the file. Cheap: called for every row. */
  byteOffset(start: number): number;
  /** The row's line in the file and its text; called only for a refused row. */
  describe(start: number, end: number): { line: number; raw: string };
}

/** A row the parser could not place, kept for quarantine with where it came from. */
export interface RejectedRow {
  row: number | null;
  statement: number;
  line: number;
  byteOffset: number;
  reason: string;
  raw: string;
}

/** Flush a batch to DuckDB at this many rows or bytes, whichever comes first. */
const BATCH_ROWS = 64 * 1024;
const BATCH_BYTES = 16 * 1024 * 1024;

const lossy = new TextDecoder('utf-8', { fatal: false });

/**
 * One table of a dump on its way to bronze. INSERT values are written as bytes into
 * Arrow columns (text, or raw bytes for BLOBs); every full batch goes to DuckDB, which
 * casts it to the declared types into a pending table, so memory is bounded by the
 * batch, not the dump. Values DuckDB cannot cast send their row to quarantine.
 */
export class DumpTable {
  readonly columns: DumpColumn[];
  /** Rows read so far (bronze and quarantine): the next row's `_row` is rows + 1. */
  rows = 0;
  readonly rejected: RejectedRow[] = [];
  /** Per column: zero dates made NULL, text values that were not valid UTF-8. */
  readonly zeroDates = new Map<string, number>();
  readonly invalidText = new Map<string, number>();
  private builders: ByteColumn[];
  private rowNumbers = new Int32Array(1024);
  /** Per row of the batch: its statement and byte offset, for rows DuckDB cannot cast. */
  private rowStatements = new Int32Array(1024);
  private rowOffsets = new Float64Array(1024);
  private batchRows = 0;
  private batchCount = 0;
  private pendingCreated = false;
  private pendingColumns = 0;
  /** Whether the table of rows DuckDB could not cast exists (it is made on the first). */
  castRejects = false;
  /** Rows in the pending table: what bronze gets. */
  pendingRows = 0;

  constructor(
    readonly database: string | undefined,
    readonly table: string,
    columns: DumpColumn[],
    /** Declared by a CREATE TABLE; otherwise names and types come from the INSERTs. */
    readonly typed: boolean,
    private readonly stagePrefix: string,
  ) {
    this.columns = columns.map((c) => ({ ...c }));
    this.builders = this.columns.map(() => new ByteColumn());
  }

  /**
   * Rows on their way to bronze, in the bronze schema so that the finished table can be
   * renamed into place instead of copied (tables named `_…` are hidden from listings).
   */
  get pendingTable(): string {
    return `bronze.${quoteIdent(this.pendingName)}`;
  }

  get pendingName(): string {
    return `_loading${this.stagePrefix}`;
  }

  get castRejectsTable(): string {
    return `main.${quoteIdent(`${this.stagePrefix}_rejects`)}`;
  }

  get hasPending(): boolean {
    return this.pendingCreated;
  }

  /** A sink for one INSERT's rows, matching its column list (or position) to ours. */
  sink(header: InsertHeader, where: { statement: number; line: number; byteOffset: number }, origin?: RowOrigin): ValueSink {
    return new RowWriter(this, this.columnMap(header), where, origin);
  }

  get isFull(): boolean {
    return this.batchRows >= BATCH_ROWS || this.builders.reduce((n, b) => n + b.byteLength, 0) >= BATCH_BYTES;
  }

  /** Sends the rows collected so far to DuckDB: cast into the pending table, or quarantine. */
  async flush(engine: Engine, charset: string): Promise<void> {
    if (this.batchRows === 0) return;
    this.prepareText(charset);
    await this.ensurePending(engine);
    await this.convertPendingColumns(engine);
    const batch = `${this.stagePrefix}_batch${this.batchCount++}`;
    const vectors: Record<string, Vector> = {};
    this.columns.forEach((c, i) => (vectors[`c${i}`] = this.builders[i]!.toVector(c.type.staging === 'blob' ? 'binary' : 'utf8')));
    vectors._row = makeVector(makeData({ type: new Int32(), length: this.batchRows, data: this.rowNumbers.slice(0, this.batchRows) }));
    vectors._statement = makeVector(makeData({ type: new Int32(), length: this.batchRows, data: this.rowStatements.slice(0, this.batchRows) }));
    vectors._byte_offset = makeVector(makeData({ type: new Float64(), length: this.batchRows, data: this.rowOffsets.slice(0, this.batchRows) }));
    await engine.insertArrow(`main.${batch}`, new Table(vectors));
    const from = `main.${quoteIdent(batch)}`;
    try {
      const ok = this.columns.map((c, i) => castable(`c${i}`, c.type)).filter(Boolean).join(' AND ') || 'true';
      const names = this.columns.map((c) => quoteIdent(c.name)).join(', ');
      const casts = this.columns.map((c, i) => castExpression(`c${i}`, c.type)).join(', ');
      const before = this.pendingRows;
      try {
        // Usually every value casts: one strict pass, which fails whole if one does not.
        const strict = this.columns.map((c, i) => castExpression(`c${i}`, c.type, 'CAST')).join(', ');
        await engine.exec(`INSERT INTO ${this.pendingTable} (${names}, _row) SELECT ${strict}, _row FROM ${from}`);
      } catch (error) {
        // Out of memory is not a value that failed to cast: the load stops (loadFiles says why).
        if (isOutOfMemory(error)) throw error;
        await engine.exec(`INSERT INTO ${this.pendingTable} (${names}, _row) SELECT ${casts}, _row FROM ${from} WHERE ${ok}`);
      }
      // count(*) of a whole table comes from its metadata: cheaper than counting failures.
      this.pendingRows = Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${this.pendingTable}`)).get(0)?.n ?? 0);
      const bad = this.batchRows - (this.pendingRows - before);
      if (bad > 0) await this.rejectUncastable(engine, from, ok);
    } finally {
      await engine.exec(`DROP TABLE IF EXISTS ${from}`);
    }
    for (const b of this.builders) b.reset();
    this.batchRows = 0;
  }

  /** Frees the batch buffers (this table's INSERTs are over, or so it seems). */
  release(): void {
    if (this.batchRows === 0) this.builders = this.columns.map(() => new ByteColumn());
  }

  async drop(engine: Engine): Promise<void> {
    await engine.exec(`DROP TABLE IF EXISTS ${this.pendingTable}; DROP TABLE IF EXISTS ${this.castRejectsTable}`);
  }

  // ---- used by RowWriter ----

  builder(index: number): ByteColumn {
    return this.builders[index]!;
  }

  /** Adds a column the CREATE TABLE did not have (or an untyped dump's next column). */
  addColumn(name: string): number {
    this.columns.push({ name, type: UNTYPED });
    const b = new ByteColumn();
    for (let i = 0; i < this.batchRows; i++) b.pushNull();
    this.builders.push(b);
    return this.columns.length - 1;
  }

  /**
   * Completes a row: absent columns become NULL; a bad row is taken back out, kept with
   * its position and its text as written (or its values, when the text is not known).
   */
  endRow(problem: string | undefined, where: { statement: number; line: number; byteOffset: number }, row?: { start: number; end: number; origin: RowOrigin }): void {
    const number = ++this.rows;
    if (problem) {
      const values = this.builders.map((b) => (b.length > this.batchRows ? b.valueAt(this.batchRows) : undefined));
      const at = row ? { statement: where.statement, byteOffset: row.origin.byteOffset(row.start), ...row.origin.describe(row.start, row.end) } : { ...where, raw: describeValues(this.columns, values) };
      this.rejected.push({ row: number, ...at, reason: problem });
      for (const b of this.builders) b.truncate(this.batchRows);
      return;
    }
    for (const b of this.builders) if (b.length === this.batchRows) b.pushNull();
    if (this.batchRows === this.rowNumbers.length) this.growRowArrays();
    this.rowStatements[this.batchRows] = where.statement;
    this.rowOffsets[this.batchRows] = row ? row.origin.byteOffset(row.start) : where.byteOffset;
    this.rowNumbers[this.batchRows++] = number;
  }

  private growRowArrays(): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.rowNumbers = grow(this.rowNumbers, (n) => new Int32Array(n));
    this.rowStatements = grow(this.rowStatements, (n) => new Int32Array(n));
    this.rowOffsets = grow(this.rowOffsets, (n) => new Float64Array(n));
  }

  /** Takes back the values of a row the parser gave up on halfway. */
  abortRow(): void {
    for (const b of this.builders) b.truncate(this.batchRows);
  }

  private columnMap(header: InsertHeader): number[] {
    if (!header.columns) return this.columns.map((_, i) => i);
    const byName = new Map(this.columns.map((c, i) => [c.name.toLowerCase(), i]));
    return header.columns.map((name) => byName.get(name.toLowerCase()) ?? this.addColumn(name));
  }

  private async ensurePending(engine: Engine): Promise<void> {
    const defs = this.columns.map((c) => `${quoteIdent(c.name)} ${c.type.duckdb}`);
    if (!this.pendingCreated) {
      await engine.exec(`CREATE OR REPLACE TABLE ${this.pendingTable} (${[...defs, '_row BIGINT'].join(', ')})`);
      this.pendingCreated = true;
      this.pendingColumns = this.columns.length;
      return;
    }
    for (const c of this.columns.slice(this.pendingColumns)) {
      await engine.exec(`ALTER TABLE ${this.pendingTable} ADD COLUMN ${quoteIdent(c.name)} ${c.type.duckdb}`);
    }
    this.pendingColumns = this.columns.length;
  }

  /**
   * Text must reach DuckDB as UTF-8: decode from the dump's character set, and report
   * bytes that are not text. A column without a declared type holding such bytes (raw
   * BLOB or BIT data in a dump without CREATE TABLE) becomes a BLOB column instead.
   */
  private prepareText(charset: string): void {
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i]!;
      if (column.type.staging !== 'text') continue;
      const builder = this.builders[i]!;
      if (charset !== 'utf-8') {
        transcodeToUtf8(builder, charset);
        continue;
      }
      const bad = invalidUtf8Values(builder);
      if (!bad.length) continue;
      if (!this.typed && column.type === UNTYPED) {
        column.type = { ...UNTYPED, duckdb: 'BLOB', staging: 'blob' };
        this.pendingBlobColumns.push(column.name);
        continue;
      }
      this.invalidText.set(column.name, (this.invalidText.get(column.name) ?? 0) + bad.length);
      replaceInvalidUtf8(builder, bad);
    }
  }

  /** Untyped columns that turned out to hold bytes: their pending column becomes BLOB. */
  private readonly pendingBlobColumns: string[] = [];

  private async convertPendingColumns(engine: Engine): Promise<void> {
    if (!this.pendingCreated) return;
    for (const name of this.pendingBlobColumns.splice(0)) {
      const types = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${this.pendingTable})`);
      const type = types.toArray().find((r) => String(r.column_name) === name)?.column_type;
      if (String(type) === 'VARCHAR') {
        await engine.exec(`ALTER TABLE ${this.pendingTable} ALTER COLUMN ${quoteIdent(name)} TYPE BLOB USING encode(${quoteIdent(name)})`);
      }
    }
  }

  private async rejectUncastable(engine: Engine, from: string, ok: string): Promise<void> {
    const reasons = this.columns
      .map((c, i) => {
        const check = castable(`c${i}`, c.type);
        if (!check) return undefined;
        return `CASE WHEN NOT (${check}) THEN ${quoteLiteral(`${c.name}: not a valid ${c.type.declared || c.type.duckdb}: `)} || c${i} END`;
      })
      .filter(Boolean);
    const raw = this.columns.map((c, i) => `c${i} AS ${quoteIdent(c.name)}`).join(', ');
    const select = `SELECT ${raw}, _row::BIGINT AS _row, nullif(_statement, 0)::INTEGER AS _statement, _byte_offset::BIGINT AS _byte_offset,
      concat_ws('; ', ${reasons.join(', ')}) AS _reason FROM ${from} WHERE NOT (${ok})`;
    if (!this.castRejects) await engine.exec(`CREATE TABLE ${this.castRejectsTable} AS ${select}`);
    else await engine.exec(`INSERT INTO ${this.castRejectsTable} BY NAME ${select}`);
    this.castRejects = true;
  }

  /** Counts a zero date of column `index` (it becomes NULL in bronze). */
  countZeroDate(index: number): void {
    const name = this.columns[index]!.name;
    this.zeroDates.set(name, (this.zeroDates.get(name) ?? 0) + 1);
  }
}

/** MySQL's zero dates and zero-in-date values (`0000-00-00`, `2018-00-00`): no real date. */
function zeroDate(c: string): string {
  return `(starts_with(${c}, '0000-') OR substr(${c}, 6, 2) = '00' OR substr(${c}, 9, 2) = '00')`;
}

function castExpression(c: string, type: ColumnType, cast_: 'TRY_CAST' | 'CAST' = 'TRY_CAST'): string {
  if (type.duckdb === 'VARCHAR' || type.duckdb === 'BLOB') return c;
  const cast = `${cast_}(${c} AS ${type.duckdb})`;
  return type.temporal ? `CASE WHEN ${zeroDate(c)} THEN NULL ELSE ${cast} END` : cast;
}

/** SQL that is true when the staged value casts (or needs no cast); '' when always true. */
function castable(c: string, type: ColumnType): string {
  if (type.duckdb === 'VARCHAR' || type.duckdb === 'BLOB') return '';
  const zero = type.temporal ? ` OR ${zeroDate(c)}` : '';
  return `(${c} IS NULL${zero} OR TRY_CAST(${c} AS ${type.duckdb}) IS NOT NULL)`;
}

function describeValues(columns: DumpColumn[], values: (Uint8Array | null | undefined)[]): string {
  return values
    .map((v, i) => `${columns[i]?.name ?? `#${i + 1}`}=${v === undefined ? '(none)' : v === null ? 'NULL' : JSON.stringify(lossy.decode(v))}`)
    .join(', ');
}

/**
 * Writes one INSERT's values into the table's columns, converting by the column's
 * staging kind: BIT values become their number, BLOBs keep their bytes.
 */
class RowWriter implements ValueSink {
  private index = 0;
  private problem: string | undefined;
  private growing: boolean;

  constructor(
    private readonly table: DumpTable,
    private readonly map: number[],
    private readonly where: { statement: number; line: number; byteOffset: number },
    private readonly origin?: RowOrigin,
  ) {
    // An untyped table without a column list learns its columns from its first row.
    this.growing = !table.typed && table.columns.length === 0;
  }

  string(bytes: Uint8Array, start: number, end: number): void {
    const c = this.target();
    if (c < 0) return;
    const type = this.table.columns[c]!.type;
    const b = this.table.builder(c);
    // `_binary '…'` needs nothing special: text columns check their bytes at flush.
    if (type.staging === 'bit') b.pushAscii(bytesToUnsigned(bytes.subarray(start, end)));
    else b.pushRange(bytes, start, end);
    if (type.temporal && isZeroDate(bytes, start)) this.table.countZeroDate(c);
  }

  number(text: Uint8Array, start: number, end: number): void {
    const c = this.target();
    if (c >= 0) this.table.builder(c).pushRange(text, start, end);
  }

  hex(bytes: Uint8Array): void {
    const c = this.target();
    if (c < 0) return;
    const kind = this.table.columns[c]!.type.staging;
    if (kind === 'bit') this.table.builder(c).pushAscii(bytesToUnsigned(bytes));
    else this.table.builder(c).push(bytes);
  }

  bits(digits: Uint8Array): void {
    const c = this.target();
    if (c < 0) return;
    const value = digits.length ? BigInt(`0b${lossy.decode(digits)}`) : 0n;
    this.table.builder(c).pushAscii(value.toString());
  }

  null(): void {
    const c = this.target();
    if (c >= 0) this.table.builder(c).pushNull();
  }

  endRow(start: number, end: number): void {
    const expected = this.map.length || this.table.columns.length;
    if (!this.problem && this.index !== expected && !this.growing) {
      const columns = (this.map.length ? this.map : this.table.columns.map((_, i) => i)).map((i) => this.table.columns[i]!.name);
      this.problem =
        `${this.index < expected ? 'too few' : 'too many'} values: the row has ${this.index}, the table has ${expected} columns (${columns.join(', ')}), ` +
        'so the row was not loaded. Fix the row (it is kept here as written) and load the dump again';
    }
    this.table.endRow(this.problem, this.where, this.origin && { start, end, origin: this.origin });
    if (this.growing) {
      this.map.push(...this.table.columns.map((_, i) => i));
      this.growing = false;
    }
    this.index = 0;
    this.problem = undefined;
  }

  /** The column index for the next value, or -1 (value dropped, row marked bad). */
  private target(): number {
    const i = this.index++;
    if (i < this.map.length) return this.map[i]!;
    if (this.growing) return this.table.addColumn(`column_${i + 1}`);
    return -1; // endRow says the row has too many values
  }
}

/** `0000-…`, or a month or day of `00`: the same test as zeroDate() in SQL, on bytes. */
function isZeroDate(v: Uint8Array, at: number): boolean {
  return (zeroPair(v, at) && zeroPair(v, at + 2) && v[at + 4] === 0x2d) || zeroPair(v, at + 5) || zeroPair(v, at + 8);
}

function zeroPair(v: Uint8Array, i: number): boolean {
  return v[i] === 0x30 && v[i + 1] === 0x30;
}

/** BIT(n) values are written as raw big-endian bytes; bronze keeps their number. */
function bytesToUnsigned(bytes: Uint8Array): string {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v.toString();
}
