import { tableExists } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import { IngestError, type IngestProblem } from '../ingestError';
import { isOutOfMemory } from '../outOfMemory';
import { chunksOf, wholeBytesOf, type InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { recogniseSource, tableNameFromPath } from '../recogniseSource';
import { csvAsUtf8 } from './csvEncoding';
import { readCsvHeader } from './csvHeader';
import { csvRejectReasonSql } from './csvRejectHints';

export interface CsvLoadContext {
  /** Unique per load, so registered files and rejects tables never collide. */
  id: string;
  /** The `_loaded_at` value, a TIMESTAMP literal such as `2026-11-25 20:00:00.000`. */
  loadedAt: string;
}

const SAMPLE_PROBLEMS = 5;

/**
 * Loads one CSV into bronze.<source> as text (lossless: `01037` stays `01037`) with
 * DuckDB's native reader. The header is parsed here so the reader needs no sniffing;
 * rows it cannot parse (ragged, bad quoting, invalid UTF-8) do not abort the load:
 * `store_rejects` collects them and they go to quarantine.<source> with the reason.
 * A file in another encoding is converted to UTF-8 first, with a note (csvEncoding.ts).
 */
export async function loadCsv(engine: Engine, file: InputFile, ctx: CsvLoadContext): Promise<LoadedSource> {
  const started = performance.now();
  const text = await csvText(file);
  const header = readCsvHeader(file.path, text.bytes);
  const recognised = recogniseSource(header.columns);
  const source = recognised ?? tableNameFromPath(file.path);
  const rejects = `_rejects_${ctx.id}`;
  const registered = `${ctx.id}.csv`;
  const bronze = `bronze.${quoteIdent(source)}`;

  // Converted text differs from the file on disk: only unconverted bytes may be read in place.
  const path = text.streamed
    ? await engine.registerFile(registered, () => wholeBytesOf(file), { diskPath: file.diskPath, blob: file.blob })
    : await engine.registerFile(registered, text.bytes, text.transcoded ? undefined : { diskPath: file.diskPath });
  try {
    const columns = header.columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ');
    const reader = `read_csv(${quoteLiteral(path)},
        header = true, auto_detect = false, columns = {${columns}},
        delim = ${quoteLiteral(header.delimiter)}, quote = '"', escape = '"',
        allow_quoted_nulls = false, store_rejects = true,
        rejects_table = '${rejects}', rejects_scan = '${rejects}_scan')`;
    const before = await countRowsIfExists(engine, source);
    try {
      // Straight from the reader into bronze: one pass over the data. `_row` is filled
      // afterwards from rowid, which follows the file's order (insertion order is kept).
      await appendTable(engine, 'bronze', source,
        `SELECT *, ${quoteLiteral(file.path)} AS _source, 'csv' AS _source_kind, NULL::BIGINT AS _row,
           TIMESTAMP ${quoteLiteral(ctx.loadedAt)} AS _loaded_at FROM ${reader}`);
    } catch (error) {
      if (isOutOfMemory(error)) throw error; // loadFiles says what to do
      throw new IngestError(file.path, `DuckDB could not read this CSV: ${firstLine(error)}`, { line: lineFromDuckDB(error) });
    }
    await engine.exec(`UPDATE ${bronze} SET _row = rowid - ${before} + 1 WHERE _row IS NULL`);
    const rows = (await countRowsIfExists(engine, source)) - before;
    const problems = await quarantineRejects(engine, source, rejects, file.path, ctx.loadedAt, text.transcoded);
    const notes = [text.note, rows === 0 && problems.count === 0 ? 'the file has a header and no rows.' : undefined].filter((n) => n !== undefined);
    return {
      file: file.path,
      format: 'csv',
      source,
      recognised: recognised !== undefined,
      table: `bronze.${source}`,
      rows,
      quarantined: problems.count,
      columns: header.columns,
      samples: problems.samples,
      notes,
      milliseconds: Math.round(performance.now() - started),
    };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
    await engine.dropFile(registered);
  }
}

/** How much of a streamed CSV is looked at before deciding to read it in place. */
const HEAD_BYTES = 8 << 20;

/**
 * The CSV's text, or for a streamed file (a large CSV read in place by the engine) only its
 * head: when the head is UTF-8 the engine reads the file where it is (`streamed`; a broken
 * byte further on goes to quarantine with its line, as in any UTF-8 file); when the head
 * needs converting, the file is read whole and converted as before.
 */
async function csvText(file: InputFile): Promise<ReturnType<typeof csvAsUtf8> & { streamed?: boolean }> {
  if (!file.stream) return csvAsUtf8(file.bytes);
  const head = await headOf(file);
  const checked = csvAsUtf8(head);
  if (!checked.transcoded) return { bytes: head, transcoded: false, streamed: true };
  return csvAsUtf8(await wholeBytesOf(file));
}

/** The file's first HEAD_BYTES, cut after the last line break (no character split in two). */
async function headOf(file: InputFile): Promise<Uint8Array> {
  const head = new Uint8Array(Math.min(HEAD_BYTES, file.stream!.size));
  let at = 0;
  for await (const chunk of chunksOf(file, HEAD_BYTES)) {
    const part = chunk.subarray(0, head.length - at);
    head.set(part, at);
    if ((at += part.length) >= head.length) break;
  }
  const end = at < file.stream!.size ? head.lastIndexOf(0x0a, at - 1) + 1 : at;
  return head.subarray(0, end > 0 ? end : at);
}

/**
 * One quarantine row per rejected CSV record: DuckDB can report several errors for one
 * record, so they are joined into one reason. `_line` is DuckDB's line number of the
 * record; `_byte_offset` points at the record's first byte, unless the file was converted
 * to UTF-8: then DuckDB's offsets are not the file's, and they are left out.
 */
async function quarantineRejects(engine: Engine, source: string, rejects: string, file: string, loadedAt: string, transcoded: boolean) {
  // DuckDB's line_byte_position is one past the record's first byte (measured, 1.4.3);
  // after a CRLF it is the record's first byte, and csv_line then starts with the "\n".
  const offset = transcoded ? 'NULL::BIGINT' : `min(line_byte_position - 1 + length(csv_line) - length(ltrim(csv_line, chr(10) || chr(13))))::BIGINT`;
  const grouped = `SELECT ${quoteLiteral(file)} AS _source, 'csv' AS _source_kind,
      line::BIGINT AS _line, ${offset} AS _byte_offset,
      string_agg(${csvRejectReasonSql()}, '; ' ORDER BY column_idx) AS _reason,
      ltrim(any_value(csv_line), chr(10) || chr(13)) AS _raw,
      TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at, 'ingest' AS _stage
    FROM ${rejects} GROUP BY line`;
  const count = Number((await engine.query(`SELECT count(*)::INTEGER AS n FROM (${grouped})`)).get(0)?.n ?? 0);
  if (count === 0) return { count, samples: [] };
  await appendTable(engine, 'quarantine', source, `${grouped} ORDER BY _line`);
  const sample = await engine.query(`${grouped} ORDER BY _line LIMIT ${SAMPLE_PROBLEMS}`);
  const samples: IngestProblem[] = sample.toArray().map((r) => ({
    file,
    line: Number(r._line),
    ...(r._byte_offset === null ? {} : { byteOffset: Number(r._byte_offset) }),
    message: String(r._reason),
  }));
  return { count, samples };
}

async function countRowsIfExists(engine: Engine, source: string): Promise<number> {
  if (!(await tableExists(engine, 'bronze', source))) return 0;
  return Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM bronze.${quoteIdent(source)}`)).get(0)?.n ?? 0);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((l) => l.trim() !== '') ?? message;
}

function lineFromDuckDB(error: unknown): number | undefined {
  const match = /line (\d+)/i.exec(error instanceof Error ? error.message : String(error));
  return match ? Number(match[1]) : undefined;
}

