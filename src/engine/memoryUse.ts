import type { Engine } from './interface';

/**
 * What DuckDB holds and may hold, read once at the end of a run (run.json, the pipeline
 * summary). `heldBytes` is duckdb_memory(): the tables and the buffers DuckDB keeps, which
 * is what grows with the data (a statement's hash tables are freed when it ends and stay
 * within the limit while it runs). `processPeakBytes` is the host process's peak resident
 * memory where the host can read it (the CLI: Node's maxRSS, DuckDB included).
 */
export interface MemoryUse {
  heldBytes: number;
  limitBytes?: number;
  processPeakBytes?: number;
}

export async function memoryUse(engine: Engine): Promise<MemoryUse> {
  const row = (await engine.query(
    "SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::DOUBLE AS held, current_setting('memory_limit') AS lim",
  )).get(0);
  const limit = parseMemorySetting(String(row?.lim ?? ''));
  return { heldBytes: Number(row?.held ?? 0), ...(limit !== undefined && { limitBytes: limit }) };
}

/** A DuckDB memory setting (`3.1 GiB`, `64.0 MiB`, `500 MB`) in bytes, or undefined. */
export function parseMemorySetting(setting: string): number | undefined {
  const match = /^([\d.]+)\s*(bytes|[KMGT]i?B)$/i.exec(setting.trim());
  if (!match) return undefined;
  const unit = match[2]!.toUpperCase();
  const power = unit === 'BYTES' ? 0 : 'KMGT'.indexOf(unit[0]!) + 1;
  return Number(match[1]) * (unit.includes('I') || unit === 'BYTES' ? 1024 : 1000) ** power;
}
