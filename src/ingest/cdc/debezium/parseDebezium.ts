import type { ChangeOp, ChangeProblem, ChangeRecord, ParsedChanges, RowImage } from '../changeRecord';
import { epochMillisText } from '../timeText';
import { UndecodableValue, valueWithoutSchema, valueWithSchema, type FieldSchema } from './debeziumValues';

/**
 * Reads a Debezium topic dump: one change event per line, as `kcat -C -e` prints the values
 * Kafka Connect's JsonConverter wrote — with the `{"schema": …, "payload": …}` wrapper
 * (schemas.enable=true) or the bare envelope `{"before", "after", "source", "op", "ts_ms"}`.
 * Empty lines are tombstones (the null value Debezium sends after a delete) and are passed
 * over, as are kcat's `% …` status lines. A line that cannot be read whole (broken JSON, an
 * op other than c/u/d/r, a create or update without `after`, a value that cannot be decoded)
 * is a problem: nothing of it is applied, and the rest of the file still loads.
 * `t` (truncate) is refused too: it carries no rows, and emptying a whole table is not a row
 * change the lakehouse applies — reload the table in full instead.
 */
export function parseDebezium(text: string): ParsedChanges {
  const result: ParsedChanges = { changes: [], problems: [], notes: [] };
  let tombstones = 0;
  let lineNo = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the file's last line break ends a line, it starts none
  for (const raw of lines) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      tombstones++;
      continue;
    }
    if (line.startsWith('% ')) continue; // kcat's "% Reached end of partition …" when stderr was captured too
    const read = readEvent(line, lineNo);
    if (read === null) tombstones++;
    else if ('reason' in read) result.problems.push(read);
    else result.changes.push(read);
  }
  if (tombstones > 0 && text.trim() !== '') result.notes.push(`${tombstones} empty line(s) or null events (tombstones after deletes) passed over.`);
  return result;
}

const OPS = new Set(['c', 'u', 'd', 'r']);

type Envelope = { before?: unknown; after?: unknown; op?: unknown; ts_ms?: unknown; source?: { table?: unknown; db?: unknown; ts_ms?: unknown } };

/** One line as a change record, a problem, or null for a tombstone written as JSON (`{"schema":null,"payload":null}`). */
function readEvent(line: string, lineNo: number): ChangeRecord | ChangeProblem | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { line: lineNo, reason: `not a JSON change event: ${(error as Error).message}`, raw: line };
  }
  if (parsed === null) return null;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return { line: lineNo, reason: 'not a change event: a JSON object is expected on each line', raw: line };
  const wrapped = 'payload' in parsed && 'schema' in parsed;
  const envelope = (wrapped ? (parsed as { payload: unknown }).payload : parsed) as Envelope | null;
  if (envelope === null) return null;
  const schema = wrapped ? ((parsed as { schema: FieldSchema | null }).schema ?? undefined) : undefined;
  const source = typeof envelope.source === 'object' && envelope.source !== null ? envelope.source : {};
  const table = typeof source.table === 'string' ? source.table : tableFromSchemaName(schema?.name);
  const database = typeof source.db === 'string' ? source.db : undefined;
  const where = { line: lineNo, raw: line, ...(database !== undefined && { database }), ...(table !== undefined && { table }) };
  const columns = Object.keys(rowObject(envelope.after) ?? rowObject(envelope.before) ?? {});
  const problem = (reason: string): ChangeProblem => ({ ...where, ...(columns.length && { columns }), reason });

  const op = envelope.op;
  if (op === 't') return problem("a truncate event (op 't'): it carries no rows and is not applied; reload the table in full to empty it");
  if (typeof op !== 'string' || !OPS.has(op)) return problem(`unknown op ${JSON.stringify(op ?? null)}: expected c, u, d or r`);
  if ((op === 'c' || op === 'u' || op === 'r') && rowObject(envelope.after) === undefined) return problem(`op '${op}' without an 'after' row image`);
  if (op === 'd' && rowObject(envelope.before) === undefined) return problem("op 'd' without a 'before' row image (the connector's replica identity must give the deleted row)");
  if (table === undefined && columns.length === 0) return problem('the event names no table (source.table) and carries no columns');
  try {
    const before = image(envelope.before, fieldsOf(schema, 'before'));
    const after = image(envelope.after, fieldsOf(schema, 'after'));
    return {
      ...(database !== undefined && { database }),
      table: table ?? '',
      op: op as ChangeOp,
      before,
      after,
      changeAt: eventTime(source.ts_ms ?? envelope.ts_ms),
      line: lineNo,
    };
  } catch (error) {
    if (error instanceof UndecodableValue || error instanceof RangeError) return problem(error.message);
    throw error;
  }
}

function rowObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A row image as text; by the field schemas when the event has them, else by what the values say. */
function image(value: unknown, fields: Map<string, FieldSchema> | undefined): RowImage | null {
  const row = rowObject(value);
  if (!row) return null;
  const out: RowImage = new Map();
  for (const [column, v] of Object.entries(row)) {
    const field = fields?.get(column);
    out.set(column, field ? valueWithSchema(v, field) : valueWithoutSchema(v, column));
  }
  return out;
}

function fieldsOf(schema: FieldSchema | undefined, name: 'before' | 'after'): Map<string, FieldSchema> | undefined {
  const image = schema?.fields?.find((f) => f.field === name);
  return image?.fields ? new Map(image.fields.map((f) => [f.field ?? '', f])) : undefined;
}

/** `<prefix>.<db>.<table>.Envelope` → table, for events without a `source` block. */
function tableFromSchemaName(name: string | undefined): string | undefined {
  const parts = name?.split('.');
  return parts && parts.length >= 3 && parts[parts.length - 1] === 'Envelope' ? parts[parts.length - 2] : undefined;
}

/** The change's time in the database (source.ts_ms), else when the connector saw it (ts_ms). */
function eventTime(ms: unknown): string | null {
  return typeof ms === 'number' && Number.isFinite(ms) ? epochMillisText(ms) : null;
}
