import * as parquet from 'parquet-wasm/esm';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';

/**
 * Parquet through Arrow with parquet-wasm: DuckDB-WASM has no parquet extension
 * offline (DESIGN.md §3). The caller initialises the WASM module once, from a URL in
 * the browser or from bytes in Node, so this file stays host-agnostic.
 */
let ready: Promise<void> | undefined;

export function initParquet(source: () => Promise<BufferSource | URL | string>): Promise<void> {
  ready ??= source().then(async (wasm) => {
    if (wasm instanceof URL || typeof wasm === 'string') await parquet.default({ module_or_path: wasm });
    else parquet.initSync({ module: wasm });
  });
  return ready;
}

function assertReady(): void {
  if (!ready) throw new Error('Parquet support is not initialised: call initParquet first.');
}

export function arrowToParquet(table: Table): Promise<Uint8Array> {
  return ipcToParquet(tableToIPC(table, 'stream'));
}

/** Arrow IPC stream bytes (as an engine's queryIPC gives them) to a ZSTD-compressed Parquet file. */
export async function ipcToParquet(ipc: Uint8Array): Promise<Uint8Array> {
  assertReady();
  await ready;
  const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).build();
  return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), props);
}

export async function parquetToArrow(bytes: Uint8Array): Promise<Table> {
  return tableFromIPC(await parquetToIPC(bytes));
}

/** A Parquet file as Arrow IPC stream bytes (what an engine's insertIPC takes). */
export async function parquetToIPC(bytes: Uint8Array): Promise<Uint8Array> {
  assertReady();
  await ready;
  return parquet.readParquet(bytes).intoIPCStream();
}
