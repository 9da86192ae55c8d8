/**
 * A file handed to ingest: its display path (inside archives too, e.g.
 * `brazilian-ecommerce.zip/olist_orders_dataset.csv`) and its bytes. The bytes may be
 * transferred to the engine and detached once loaded.
 */
export interface InputFile {
  path: string;
  /** The whole file; empty when `stream` reads it instead. */
  bytes: Uint8Array;
  /**
   * A file read piece by piece and never held whole (large dumps): the browser reads
   * slices of the picked File, the CLI reads the file from disk.
   */
  stream?: { size: number; chunks(): AsyncIterable<Uint8Array> };
  /**
   * Where these same bytes are on the host's disk, when the file is a plain file there (the
   * CLI's inputs; never an archive's members or the browser's picks). Just data here: an
   * engine that reads the host's files itself (native DuckDB) reads it in place, no copy.
   */
  diskPath?: string;
  /**
   * The picked File itself (browser), for an engine that reads it in place (DuckDB-WASM's
   * EH build reads slices of it as it scans): then the file is never held whole.
   */
  blob?: Blob;
}

export function sizeOf(file: InputFile): number {
  return file.stream?.size ?? file.bytes.length;
}

/** The file's bytes in chunks of about `size`, streamed or sliced from memory. */
export async function* chunksOf(file: InputFile, size: number): AsyncIterable<Uint8Array> {
  if (file.stream) {
    yield* file.stream.chunks();
    return;
  }
  for (let at = 0; at < file.bytes.length; at += size) yield file.bytes.subarray(at, at + size);
}

/** The whole file in one array: read from its stream when it has one (a fallback, for engines that cannot read it in place). */
export async function wholeBytesOf(file: InputFile): Promise<Uint8Array> {
  if (!file.stream) return file.bytes;
  const whole = new Uint8Array(file.stream.size);
  let at = 0;
  for await (const chunk of file.stream.chunks()) {
    whole.set(chunk.subarray(0, whole.length - at), at);
    at += chunk.length;
  }
  return at === whole.length ? whole : whole.subarray(0, at);
}

/** CSVs: read where they are (disk, picked File) by engines that can, else read whole. */
export function isReadInPlace(path: string): boolean {
  const extension = extensionOf(path);
  return extension === 'csv' || extension === 'tsv';
}

/**
 * Formats worth streaming: read statement by statement, so the file need not be in memory
 * (`.dump` is what `mysqldump db > db.dump` is often called).
 */
export function isStreamable(path: string): boolean {
  const extension = extensionOf(path);
  return extension === 'sql' || extension === 'dump';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function extensionOf(path: string): string {
  const name = baseName(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}
