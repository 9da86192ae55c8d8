import { Float64, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import type { IngestProblem } from '../ingestError';
import type { LoadedSource } from '../loadedSource';
import type { ChangeOp, ChangeProblem, ParsedChanges, RowImage } from './changeRecord';
import { changesKey, changeTarget } from './changeSource';

export type ChangeKind = 'debezium' | 'binlog';

export interface ChangeLoadContext {
  id: string;
  loadedAt: string;
}

/** One bronze row of a change: the row image, what happened to it, and where it was read. */
interface BronzeChange {
  origin: string;
  op: ChangeOp;
  values: RowImage;
  changeAt: string | null;
  line: number;
  row: number;
}

const SAMPLE_PROBLEMS = 5;

/**
 * Writes a file's change records into bronze.<source> (DESIGN.md §5) with two more columns
 * than other bronze rows: `_op` ('c', 'u', 'd', 'r') and `_change_at` (TIMESTAMP, NULL when
 * unknown). Values stay text. A delete carries its before image; an update whose key
 * columns changed (SOURCE_KEYS) becomes a 'd' of the old key followed by a 'c' of the new.
 * `_row` numbers the resulting rows in file order, so a split update's two rows are
 * consecutive and (`_source`, `_row`) stays unique; `_line` is the record's line in the file.
 * Records that could not be read go to quarantine.<source> with `_reason` naming the file and
 * line; those that name no table or column at all become the load's errors.
 */
export async function loadChanges(engine: Engine, file: string, kind: ChangeKind, parsed: ParsedChanges, ctx: ChangeLoadContext): Promise<{ sources: LoadedSource[]; errors: IngestProblem[]; notes: string[] }> {
  const started = performance.now();
  const bySource = new Map<string, { recognised: boolean; rows: BronzeChange[]; problems: ChangeProblem[] }>();
  const entry = (source: string, recognised: boolean) => {
    let e = bySource.get(source);
    if (!e) bySource.set(source, (e = { recognised, rows: [], problems: [] }));
    return e;
  };
  let row = 0;
  for (const change of parsed.changes) {
    const image = change.after ?? change.before!;
    const target = changeTarget(change.table, [...image.keys()])!;
    const origin = `${file}:${change.database ? `${change.database}.` : ''}${change.table}`;
    const rows = entry(target.source, target.recognised).rows;
    const add = (op: ChangeOp, values: RowImage) => rows.push({ origin, op, values, changeAt: change.changeAt, line: change.line, row: ++row });
    if (change.op === 'd') add('d', change.before!);
    else if (change.op === 'u' && change.before && changesKey(target.source, change.before, change.after!)) {
      add('d', change.before);
      add('c', change.after!);
    } else add(change.op, change.after!);
  }
  const errors: IngestProblem[] = [];
  for (const problem of parsed.problems) {
    const target = changeTarget(problem.table, problem.columns);
    if (target) entry(target.source, target.recognised).problems.push(problem);
    else errors.push({ file, line: problem.line, ...(problem.byteOffset !== undefined && { byteOffset: problem.byteOffset }), message: `${problem.reason}. The record names no table, so it is not in any quarantine table` });
  }

  const sources: LoadedSource[] = [];
  let n = 0;
  for (const [source, { recognised, rows, problems }] of bySource) {
    const staging = `_cdc_${ctx.id}_${n++}`;
    const columns = columnsOf(rows);
    if (rows.length) await writeBronze(engine, source, staging, columns, rows, kind, ctx.loadedAt);
    if (problems.length) await writeQuarantine(engine, source, staging, file, problems, kind, ctx.loadedAt);
    sources.push({
      file,
      format: kind,
      source,
      recognised,
      table: `bronze.${source}`,
      rows: rows.length,
      quarantined: problems.length,
      columns,
      samples: problems.slice(0, SAMPLE_PROBLEMS).map((p) => ({ file, line: p.line, ...(p.byteOffset !== undefined && { byteOffset: p.byteOffset }), message: p.reason })),
      notes: opCounts(source, rows),
      milliseconds: Math.round(performance.now() - started),
    });
  }
  return { sources, errors, notes: parsed.notes };
}

/** Column names in order of first appearance (a later event may carry a column added since). */
function columnsOf(rows: BronzeChange[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const c of r.values.keys()) seen.add(c);
  return [...seen];
}

function opCounts(source: string, rows: BronzeChange[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.op, (counts.get(r.op) ?? 0) + 1);
  const names: Record<string, string> = { c: 'created', u: 'updated', d: 'deleted', r: 'read by a snapshot' };
  return counts.size ? [`bronze.${source} change rows: ${[...counts].map(([op, k]) => `${k} ${names[op]} ('${op}')`).join(', ')}.`] : [];
}

async function writeBronze(engine: Engine, source: string, staging: string, columns: string[], rows: BronzeChange[], kind: ChangeKind, loadedAt: string): Promise<void> {
  const data: Record<string, Vector> = {};
  columns.forEach((c, i) => (data[`c${i}`] = vectorFromArray(rows.map((r) => r.values.get(c) ?? null), new Utf8())));
  data._op = vectorFromArray(rows.map((r) => r.op), new Utf8());
  data._change_at = vectorFromArray(rows.map((r) => r.changeAt), new Utf8());
  data._origin = vectorFromArray(rows.map((r) => r.origin), new Utf8());
  data._row = vectorFromArray(rows.map((r) => r.row), new Float64());
  data._line = vectorFromArray(rows.map((r) => r.line), new Float64());
  await engine.insertArrow(staging, new Table(data), 'new');
  try {
    // Staged under neutral names (c0, c1, …): a source column may be called anything.
    const values = columns.map((c, i) => `c${i} AS ${quoteIdent(c)}`);
    await appendTable(engine, 'bronze', source,
      `SELECT ${[...values, '_op', '_change_at::TIMESTAMP AS _change_at', '_origin AS _source', `${quoteLiteral(kind)} AS _source_kind`,
        '_row::BIGINT AS _row', '_line::BIGINT AS _line', `TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at`].join(', ')} FROM main.${quoteIdent(staging)} ORDER BY _row`);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS main.${quoteIdent(staging)}`);
  }
}

async function writeQuarantine(engine: Engine, source: string, staging: string, file: string, problems: ChangeProblem[], kind: ChangeKind, loadedAt: string): Promise<void> {
  const origin = (p: ChangeProblem) => `${file}${p.table ? `:${p.database ? `${p.database}.` : ''}${p.table}` : ''}`;
  await engine.insertArrow(`${staging}_q`, new Table({
    _line: vectorFromArray(problems.map((p) => p.line), new Float64()),
    _byte_offset: vectorFromArray(problems.map((p) => p.byteOffset ?? null), new Float64()),
    _reason: vectorFromArray(problems.map((p) => `${file} (line ${p.line}): ${p.reason}`), new Utf8()),
    _raw: vectorFromArray(problems.map((p) => p.raw), new Utf8()),
    _source: vectorFromArray(problems.map(origin), new Utf8()),
  }), 'new');
  try {
    await appendTable(engine, 'quarantine', source,
      `SELECT NULL::BIGINT AS _row, _line::BIGINT AS _line, _byte_offset::BIGINT AS _byte_offset, _reason, _raw, _source,
         ${quoteLiteral(kind)} AS _source_kind, TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at, 'ingest' AS _stage
       FROM main.${quoteIdent(`${staging}_q`)} ORDER BY _line`);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS main.${quoteIdent(`${staging}_q`)}`);
  }
}
