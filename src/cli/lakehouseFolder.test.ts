import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../engine/native/nativeEngine';
import { pipelineCli, useGeneratedInputs } from '../testing/pipelineCli';
import { LAKEHOUSE_FILE } from './openEngine';

/*
 * `npm run pipeline -- --lakehouse DIR …` keeps the lakehouse in DIR: each run loads its
 * inputs as the next batch, and silver merges the batches by key (issue #15).
 */

interface RunJson {
  batch?: number;
  sources: { file: string; table: string; rows: number; batch?: number }[];
}

describe('npm run pipeline -- --lakehouse DIR', () => {
  const generated = useGeneratedInputs(0.01);
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pipeline-lakehouse-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Reads the lakehouse file between runs (the CLI has closed it). */
  async function query(sql: string): Promise<Record<string, unknown>[]> {
    const engine = await NativeEngine.open(join(work, 'lake', LAKEHOUSE_FILE));
    try {
      return (await engine.query(sql)).toArray().map((r) => ({ ...r.toJSON() }));
    } finally {
      await engine.close();
    }
  }

  it('makes each run a batch of the same lakehouse, the later batch winning per key', async () => {
    const lake = join(work, 'lake');
    const first = await pipelineCli(['--lakehouse', lake, '--out', join(work, 'out1'), ...generated.inputs()]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`batch 1 of the lakehouse in ${lake}`);
    const run1 = JSON.parse(await readFile(join(work, 'out1', 'run.json'), 'utf8')) as RunJson;
    expect(run1.batch).toBe(1);
    expect(run1.sources.every((s) => s.batch === 1)).toBe(true);

    // The next day's export: one order sent again with a new status, under the same file name.
    const orders = generated.inputs().find((p) => p.includes('orders_dataset'))!;
    const [header, line] = (await readFile(orders, 'utf8')).split('\n');
    const fields = line!.split(',');
    const status = header!.replaceAll('"', '').split(',').indexOf('order_status');
    const orderId = fields[0]!.replaceAll('"', '');
    fields[status] = 'canceled';
    const day2 = join(work, 'day2');
    await rm(day2, { recursive: true, force: true });
    await mkdir(day2);
    await writeFile(join(day2, orders.split('/').pop()!), `${header}\n${fields.join(',')}\n`);

    const second = await pipelineCli(['--lakehouse', lake, '--out', join(work, 'out2'), join(day2, orders.split('/').pop()!)]);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const run2 = JSON.parse(await readFile(join(work, 'out2', 'run.json'), 'utf8')) as RunJson;
    expect(run2.batch).toBe(2);
    // The same file name as batch 1: renamed so that (_source, _row) names one bronze row.
    expect(run2.sources).toEqual([expect.objectContaining({ table: 'bronze.orders', rows: 1, batch: 2, file: expect.stringMatching(/ \(batch 2\)$/) })]);

    expect(await query(`SELECT batch, files, rows::INTEGER AS rows FROM meta.batches ORDER BY batch`)).toEqual([
      { batch: 1, files: run1.sources.length, rows: run1.sources.reduce((n, s) => n + s.rows, 0) },
      { batch: 2, files: 1, rows: 1 },
    ]);
    expect(await query(`SELECT _batch, count(*)::INTEGER AS n FROM bronze.orders GROUP BY ALL ORDER BY ALL`)).toEqual([
      { _batch: 1, n: run1.sources.find((s) => s.table === 'bronze.orders')!.rows },
      { _batch: 2, n: 1 },
    ]);
    expect(await query(`SELECT order_status FROM silver.orders WHERE order_id = '${orderId}'`)).toEqual([{ order_status: 'canceled' }]);
    expect(await query(`SELECT _kind FROM duplicates.orders`)).toEqual([{ _kind: 'superseded' }]);
    // Each run is in the lakehouse's run history (the app's Runs view) and commits a version of what it changed.
    expect(await query(`SELECT kind, trigger, batch_id::INTEGER AS batch, status FROM runs.runs ORDER BY id`)).toEqual([
      { kind: 'batch', trigger: 'cli', batch: 1, status: 'success' },
      { kind: 'batch', trigger: 'cli', batch: 2, status: 'success' },
    ]);
    expect(await query(`SELECT version::INTEGER AS version, batch::INTEGER AS batch FROM versions.commits ORDER BY version`)).toEqual([
      { version: 1, batch: 1 },
      { version: 2, batch: 2 },
    ]);
  }, 240_000);

  it('refuses --lakehouse with the wasm engine (a usage error)', async () => {
    const result = await pipelineCli(['--engine', 'wasm', '--lakehouse', join(work, 'x'), '--out', join(work, 'y'), ...generated.inputs()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lakehouse keeps a native DuckDB database');
  });
});
