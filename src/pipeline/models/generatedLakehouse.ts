import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../engine/interface';
import { buildLakehouse, generatedOlistFiles, GOLD, SILVER, snapshot, type Row } from './testHarness';

/*
 * The lakehouse built from the generated Olist data (sf 0.01), shared by the cases in
 * silver.cases.ts, gold.cases.ts and engineParity.cases.ts. Loading it is the expensive
 * part, so generatedData.test.ts builds it once per engine and registers all three sets of
 * cases against it: as separate test files, each would start DuckDB and build it again.
 */

/** The engine of the describe block being run (a live binding: set in beforeAll, read by the cases). */
export let engine: Engine;

export const goldSnapshots = new Map<string, Map<string, Row[]>>();
export const silverSnapshots = new Map<string, Map<string, Row[]>>();

/** Builds the lakehouse on the engine in beforeAll, snapshots its silver and gold tables, closes it in afterAll. */
export function useGeneratedLakehouse(kind: string, open: () => Promise<Engine>): void {
  beforeAll(async () => {
    engine = await open();
    await buildLakehouse(engine, generatedOlistFiles());
    goldSnapshots.set(kind, await snapshot(engine, GOLD));
    silverSnapshots.set(kind, await snapshot(engine, SILVER));
  });
  afterAll(async () => {
    await engine?.close();
  });
}
