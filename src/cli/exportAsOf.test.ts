import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../engine/native/nativeEngine';
import { parquetToArrow } from '../engine/parquet';
import { initNodeParquet } from '../engine/wasm/nodeWasmEngine';
import type { InputFile } from '../ingest/inputFile';
import { Lakehouse } from '../lakehouse/lakehouse';
import { changedOrdersFile, firstBatch } from '../lakehouse/versions/testing/changedOrders';
import { bundledModelFiles } from '../pipeline/models/bundledModels';
import { pipelineCli } from '../testing/pipelineCli';
import { LAKEHOUSE_FILE } from './openEngine';

/*
 * `--as-of` on a lakehouse kept in a database file: two runs, each on the file opened
 * anew (as two CLI runs would), then the CLI exports version 1 and version 2.
 */
describe('npm run pipeline -- --lakehouse DIR --as-of VERSION', () => {
  let dir: string;
  let out: string;
  const first = firstBatch();
  const update = changedOrdersFile(first);
  const bronzeOrders: number[] = [];

  const runOnFile = async (files: InputFile[]) => {
    const engine = await NativeEngine.open(join(dir, LAKEHOUSE_FILE));
    try {
      const lakehouse = new Lakehouse(engine);
      await lakehouse.load(files);
      await lakehouse.runPipeline(bundledModelFiles);
      bronzeOrders.push((await lakehouse.tables()).find((t) => t.layer === 'bronze' && t.name === 'orders')!.rows);
    } finally {
      await engine.close();
    }
  };
  const rows = async (path: string) => parquetToArrow(await readFile(path));

  beforeAll(async () => {
    await initNodeParquet();
    dir = await mkdtemp(join(tmpdir(), 'as-of-lakehouse-'));
    out = await mkdtemp(join(tmpdir(), 'as-of-out-'));
    await runOnFile(first);
    await runOnFile([update]);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('exports every table as it was at each version', async () => {
    expect(bronzeOrders[1]).toBe(bronzeOrders[0]! + 4);
    for (const version of [1, 2]) {
      const to = join(out, `v${version}`);
      const r = await pipelineCli(['--lakehouse', dir, '--as-of', String(version), '--out', to]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`as of version ${version}`);
      expect((await rows(join(to, 'bronze', 'orders.parquet'))).numRows).toBe(bronzeOrders[version - 1]);
      const silver = await rows(join(to, 'silver', 'orders.parquet'));
      const ids = silver.getChild('order_id')!.toArray() as string[];
      expect(ids.includes(update.newOrderId)).toBe(version === 2);
      expect(silver.schema.fields.map((f) => f.name)).not.toContain('_v_from');
      expect((await rows(join(to, 'gold', 'revenue_monthly.parquet'))).numRows).toBeGreaterThan(0);
    }
  }, 120_000);

  it('says what is wrong: a version that does not exist, a folder without a lakehouse, a bad number', async () => {
    const missing = await pipelineCli(['--lakehouse', dir, '--as-of', '9', '--out', join(out, 'v9')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no version 9: the latest is 2.');
    const empty = await pipelineCli(['--lakehouse', out, '--as-of', '1', '--out', join(out, 'x')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('there is no lakehouse here');
    const bad = await pipelineCli(['--lakehouse', dir, '--as-of', 'latest', '--out', join(out, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of takes a version number');
  }, 120_000);
});
