import type { Engine } from '../engine/interface';

/** The medallion layers, each a DuckDB schema (DESIGN.md §5). */
export const LAYERS = ['bronze', 'silver', 'gold', 'quarantine'] as const;
export type Layer = (typeof LAYERS)[number];

export async function ensureLayerSchemas(engine: Engine): Promise<void> {
  await engine.exec(LAYERS.map((l) => `CREATE SCHEMA IF NOT EXISTS ${l}`).join('; '));
}
