import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import type { IngestProblem } from '../ingestError';
import type { DumpTable, RejectedRow } from './dumpTable';

/**
 * A dump table's refused rows on their way to quarantine.<source>: rows the parser could
 * not place (cut off, too few or too many values) and rows whose values DuckDB could not
 * cast to the declared types, each with its reason and where it is in the file.
 */
export interface DumpQuarantineTarget {
  source: string;
  /** `_source`: the file, and the table inside it. */
  origin: string;
  loadedAt: string;
  /** A name for the staging table, unique to this load. */
  staging: string;
}

/** Moves the table's refused rows into quarantine.<source>; returns how many. */
export async function quarantineDumpTable(engine: Engine, table: DumpTable, target: DumpQuarantineTarget): Promise<number> {
  const common = `${quoteLiteral(target.origin)} AS _source, 'mysql' AS _source_kind, TIMESTAMP ${quoteLiteral(target.loadedAt)} AS _loaded_at, 'ingest' AS _stage`;
  let count = 0;
  if (table.rejected.length) {
    const staged = `main.${quoteIdent(target.staging)}`;
    await engine.insertArrow(staged.replaceAll('"', ''), rejectedRowsTable(table.rejected));
    try {
      await appendTable(engine, 'quarantine', target.source,
        `SELECT _row::BIGINT AS _row, _statement::INTEGER AS _statement, _line::BIGINT AS _line,
           _byte_offset::BIGINT AS _byte_offset, _reason, _raw, ${common} FROM ${staged}`);
    } finally {
      await engine.exec(`DROP TABLE IF EXISTS ${staged}`);
    }
    count += table.rejected.length;
  }
  const uncastable = table.castRejects ? Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM ${table.castRejectsTable}`)).get(0)?.n ?? 0) : 0;
  if (uncastable > 0) {
    await appendTable(engine, 'quarantine', target.source, `SELECT *, ${common} FROM ${table.castRejectsTable}`);
    count += uncastable;
  }
  return count;
}

/**
 * The first refused rows of a table as report samples (`file (line, statement, byte):
 * table t: reason`), so that the load's summary can show one. Rows whose INSERT could not
 * be parsed are not here: the loader reported those when it met them.
 */
export async function refusedRowSamples(engine: Engine, file: string, table: DumpTable, limit: number): Promise<IngestProblem[]> {
  const samples: IngestProblem[] = table.rejected
    .filter((r) => r.row !== null)
    .slice(0, limit)
    .map((r) => ({ file, line: r.line, ...(r.statement > 0 && { statement: r.statement }), byteOffset: r.byteOffset, message: `table ${table.table}: ${r.reason}` }));
  if (samples.length < limit && table.castRejects) {
    const rows = await engine.query(`SELECT _row, _statement, _byte_offset, _reason FROM ${table.castRejectsTable} ORDER BY _row LIMIT ${limit - samples.length}`);
    for (const r of rows.toArray()) {
      samples.push({
        file,
        ...(r._statement !== null && { statement: Number(r._statement) }),
        byteOffset: Number(r._byte_offset),
        message: `table ${table.table}: row ${Number(r._row)}: ${String(r._reason)}. The row is in quarantine; fix the value and load the dump again`,
      });
    }
  }
  return samples;
}

/** Rejected rows as Arrow: their raw text may be long or hold any character. */
function rejectedRowsTable(rows: RejectedRow[]): Table {
  return new Table({
    _row: vectorFromArray(rows.map((r) => r.row), new Float64()),
    // A --tab data file has rows, not statements.
    _statement: vectorFromArray(rows.map((r) => (r.statement > 0 ? r.statement : null)), new Float64()),
    _line: vectorFromArray(rows.map((r) => r.line), new Float64()),
    _byte_offset: vectorFromArray(rows.map((r) => r.byteOffset), new Float64()),
    _reason: vectorFromArray(rows.map((r) => r.reason), new Utf8()),
    _raw: vectorFromArray(rows.map((r) => r.raw), new Utf8()),
  });
}
