import { Bool, Field, Float64, Int32, Int64, makeData, RecordBatch, Schema, Struct, Table, TimestampMicrosecond, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import type { Engine } from '../interface';
import { qualified } from '../sql';

/** The table the warm-up creates and drops (hidden: names starting with `_` are not listed). */
export const WARM_UP_TABLE = '_warm_up_arrow_insert';
const ROWS = 3000;

/**
 * Inserts a few Arrow rows of the common column types and drops the table again. In the
 * browser, V8 compiles DuckDB's WebAssembly lazily, function by function: the first Arrow
 * insert of a page spends about 0.4 s compiling DuckDB's Arrow reader (measured in
 * Chromium, the first insert on a fresh page). Done once in the background after the
 * engine starts, it is not paid by the first Mongo or MySQL load. Failures are ignored:
 * the loads work without it.
 */
export async function warmUpArrowInsert(engine: Engine): Promise<void> {
  // More than one DuckDB vector (2048 rows), with nulls and strings too long to inline, so
  // that the code paths of real batches are the ones compiled.
  const n = ROWS;
  const maybe = <T>(value: (i: number) => T) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : value(i)));
  const columns: Array<[string, Data]> = [
    ['s', vectorFromArray(maybe((i) => `warm-up text number ${i}`), new Utf8()).data[0]],
    ['i', vectorFromArray(maybe((i) => i), new Int32()).data[0]],
    ['d', vectorFromArray(maybe((i) => i / 2), new Float64()).data[0]],
    ['b', vectorFromArray(maybe((i) => i % 2 === 0), new Bool()).data[0]],
    ['l', makeData({ type: new Int64(), length: n, nullCount: 0, data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i)) })],
    ['t', makeData({ type: new TimestampMicrosecond(), length: n, nullCount: 0, data: new BigInt64Array(n).fill(1n) })],
  ];
  const children = columns.map(([, data]) => data);
  const fields = columns.map(([name], i) => new Field(name, children[i].type, true));
  const schema = new Schema(fields);
  const table = new Table(schema, [new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }))]);
  try {
    await engine.insertArrow(`main.${WARM_UP_TABLE}`, table);
  } catch {
    // Not needed for anything to work.
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${qualified('main', WARM_UP_TABLE)}`).catch(() => undefined);
  }
}
