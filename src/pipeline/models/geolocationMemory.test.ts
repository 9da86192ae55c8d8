import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { loadFiles } from '../../ingest/loadFiles';
import { materialiseSilver } from '../materialise';
import { countBalance } from '../silverBalance';
import { MODELS } from './testHarness';

/**
 * silver.geolocation in bounded memory (issue #14): DuckDB-WASM cannot spill temporary data
 * to disk, so a model whose working memory grows with every point fails at sf=10 (10 M
 * points) under the 3 GiB limit. Here 300k generated points, in a database file as the
 * browser's OPFS lakehouse (tables may leave memory for it, temporary data may not), under
 * a memory_limit of 96 MiB: the model builds. The model that held every point (its `points`
 * materialised and a list of every point per zip) needed more than 128 MiB for these
 * points; this one passes from 64 MiB (bench/results/scale-sf10.md, bench/geolocationMemory.ts).
 */
const LIMIT = '96MiB';

describe('silver.geolocation in DuckDB-WASM with little memory', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'geolocation-memory-'));
    engine = await createNodeWasmEngine(join(dir, 'lakehouse.duckdb'));
    const [geolocation] = generateOlist({ sf: 0.3 }).filter((f) => f.name === 'olist_geolocation_dataset.csv');
    const report = await loadFiles(engine, [{ path: geolocation!.name, bytes: geolocation!.bytes }]);
    expect(report.errors).toEqual([]);
    // Bronze written to the file, as a load into the stored lakehouse leaves it.
    await engine.exec('CHECKPOINT');
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`builds 300k points under a memory_limit of ${LIMIT}, every point accounted for`, async () => {
    await engine.exec(`SET memory_limit = '${LIMIT}'`);
    await materialiseSilver(engine, MODELS.find((m) => m.id === 'silver.geolocation')!);
    const b = await countBalance(engine, 'geolocation');
    expect(b.bronze).toBeGreaterThan(290_000);
    expect(b.silver).toBeGreaterThan(1000);
    expect(b.exactDuplicates).toBeGreaterThan(0);
    expect(b.silver + b.exactDuplicates + b.conflictingDuplicates + b.quarantined).toBe(b.bronze);
  }, 60_000);
});
