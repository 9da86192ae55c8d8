import { makeData, TimestampMicrosecond, Utf8, type Data } from 'apache-arrow';

/**
 * The bronze columns that every row of one file shares: `_source`, `_source_kind` and
 * `_loaded_at` (`_row` is the document's own). Batches carry them, so that the staged
 * table already has bronze's shape and becomes bronze.<source> by a rename, not a copy.
 */
export interface BronzeConstants {
  source: string;
  kind: string;
  /** `_loaded_at` as microseconds since 1970 (DuckDB's reading of the load's timestamp). */
  loadedAtMicros: bigint;
}

/**
 * A text column holding one value in every row. Plain Utf8 (the bytes repeated): DuckDB
 * reads an Arrow dictionary column several times slower (measured: 200k rows, two such
 * columns, +200 ms as dictionaries, +40 ms as plain text).
 */
export function constantText(value: string, length: number): Data {
  const one = encoder.encode(value);
  const data = new Uint8Array(one.length * length);
  if (data.length > 0) {
    data.set(one);
    for (let filled = one.length; filled < data.length; filled *= 2) data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
  }
  const offsets = new Int32Array(length + 1);
  for (let i = 1; i <= length; i++) offsets[i] = i * one.length;
  return makeData({ type: new Utf8(), length, nullCount: 0, valueOffsets: offsets, data });
}

const encoder = new TextEncoder();

export function constantTimestamp(micros: bigint, length: number): Data {
  return makeData({ type: new TimestampMicrosecond(), length, nullCount: 0, data: new BigInt64Array(length).fill(micros) });
}
