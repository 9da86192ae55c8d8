import type { Engine } from './interface';
import { qualified } from './sql';

/**
 * Catalog lookups for one table. DESCRIBE answers in about 1 ms in DuckDB-WASM, where a
 * query on information_schema.tables takes about 35 ms (measured in Node, 30 tables), and
 * ingest asks these per file and per batch.
 */
export async function columnTypes(engine: Engine, schema: string, table: string): Promise<Map<string, string>> {
  try {
    const t = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${qualified(schema, table)})`);
    return new Map(t.toArray().map((r) => [String(r.column_name), String(r.column_type)]));
  } catch (error) {
    if (/does not exist|not found/i.test(String((error as Error).message ?? error))) return new Map();
    throw error;
  }
}

export async function tableExists(engine: Engine, schema: string, table: string): Promise<boolean> {
  return (await columnTypes(engine, schema, table)).size > 0;
}
