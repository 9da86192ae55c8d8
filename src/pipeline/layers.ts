import type { Engine } from '../engine/interface';

/**
 * The medallion layers, each a DuckDB schema (DESIGN.md §5). `duplicates.<source>` records
 * the bronze rows silver dropped as duplicates, each naming the row silver kept: with silver
 * and quarantine, every bronze row is in exactly one place.
 */
export const LAYERS = ['bronze', 'silver', 'gold', 'quarantine', 'duplicates'] as const;
export type Layer = (typeof LAYERS)[number];

export async function ensureLayerSchemas(engine: Engine): Promise<void> {
  await engine.exec(LAYERS.map((l) => `CREATE SCHEMA IF NOT EXISTS ${l}`).join('; '));
}
