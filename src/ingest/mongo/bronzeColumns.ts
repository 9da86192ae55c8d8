import { Dictionary, Int8, makeData, TimestampMicrosecond, Utf8, vectorFromArray, type Data } from 'apache-arrow';

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
 * A text column holding one value: a dictionary of one entry, one byte per row (DuckDB
 * reads it as VARCHAR), instead of the text repeated in every row.
 */
export function constantText(value: string, length: number): Data {
  return makeData({
    type: new Dictionary(new Utf8(), new Int8()),
    length,
    nullCount: 0,
    data: new Int8Array(length),
    dictionary: vectorFromArray([value], new Utf8()),
  });
}

export function constantTimestamp(micros: bigint, length: number): Data {
  return makeData({ type: new TimestampMicrosecond(), length, nullCount: 0, data: new BigInt64Array(length).fill(micros) });
}
