/**
 * DuckDB's "Out of Memory Error: could not allocate block of size …" (DuckDB-WASM stops at
 * its memory_limit, ~3.1 GiB by default). The statement fails whole and the database stays
 * usable (DESIGN.md §3), so the loaders' and the pipeline's cleanup still drop what was
 * half built; this turns DuckDB's words into what to do.
 */
export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Out of Memory Error|could not allocate block/i.test(message);
}

/** What the user is told, after `doing` ("loading this file", "building silver.orders"). */
export function outOfMemoryMessage(doing: string, error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^Out of Memory Error:\s*/i, '');
  return (
    `DuckDB ran out of memory ${doing} (${detail}). Nothing half-built was kept and the lakehouse still works. ` +
    'Load fewer files at a time, or run the pipeline with the native engine, which can use all of this machine\'s memory: ' +
    'npm run pipeline -- --engine native --out DIR FILES…'
  );
}
