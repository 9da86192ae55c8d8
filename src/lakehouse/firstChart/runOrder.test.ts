import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';
import { RunsOperations } from '../runs/runsOperations';
import { NextAnswer } from './nextAnswer';

/*
 * A `dashboard first` run (the demo) answers before its version commit and run record,
 * and those still happen, hold what the run built, and come before anything that writes
 * (the next load, the save) or reads them (the Runs view, the version history).
 */
const demo = (sf: number) => generateOlist({ sf }).map((f) => ({ path: `demo/${f.name}`, bytes: f.bytes }));

describe('the order of a run that lands on the dashboard', () => {
  let engine: Engine;
  let lake: Lakehouse;
  const versionCount = async () => (await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'versions' AND table_name = 'commits'`)).get(0)!.n === 0 ? 0 : Number((await engine.query('SELECT count(*)::INTEGER AS n FROM versions.commits')).get(0)!.n);

  beforeAll(async () => {
    engine = await createNodeWasmEngine();
    lake = new Lakehouse(engine);
    lake.history.keep();
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('answers once the models are built, draws the dashboard, then commits the version and records the run before the next write', async () => {
    const report = await lake.load(demo(0.01), undefined, undefined, { trigger: 'demo' });
    const run = await lake.runPipeline(bundledModelFiles, undefined, 'dashboard first');
    expect(run.ok).toBe(true);
    // Answered before the bookkeeping: no version yet.
    expect(await versionCount()).toBe(0);
    // A write queued now (the save: lakehouse.exclusive) runs after the version and the run record.
    const seenBySave = lake.exclusive(async () => ({ versions: await versionCount(), runs: (await lake.history.list()).length }));
    const charts = await lake.dashboard({});
    expect(charts.charts.length).toBeGreaterThan(0);
    expect(await seenBySave).toEqual({ versions: 1, runs: 1 });
    await lake.bookkept();
    const [version] = await lake.versions.list();
    expect(version).toMatchObject({ version: 1, batch: report.batch, kind: 'batch' });
    // The version holds the tables as the run left them.
    const tables = await lake.tables();
    for (const t of tables.filter((t) => t.layer === 'silver' || t.layer === 'gold')) {
      expect(version!.tables.find((c) => c.layer === t.layer && c.name === t.name)?.rows, `${t.layer}.${t.name}`).toBe(t.rows);
    }
    const [recorded] = await lake.history.list();
    expect(recorded).toMatchObject({ kind: 'batch', batchId: report.batch, trigger: 'demo', status: 'success', modelsBuilt: run.models.length });
  }, 120_000);

  it('the Runs view and the next load wait for a run whose record is not written yet', async () => {
    const ops = new RunsOperations(() => lake, { changing: async () => undefined, save: async () => undefined });
    const before = (await ops.list()).length;
    const versionsBefore = await versionCount();
    await lake.load(demo(0.01).slice(0, 1), undefined, undefined, { trigger: 'user' });
    await lake.runPipeline(bundledModelFiles, undefined, 'dashboard first');
    // Nobody asks the dashboard here: the reads still see this run's record (they wait for it).
    const listed = await ops.list();
    expect(listed).toHaveLength(before + 1);
    expect(listed[0]).toMatchObject({ trigger: 'user', status: 'success' });
    expect(await versionCount()).toBe(versionsBefore + 1);
  }, 120_000);

  it('the default order (the CLI) has committed the version when it answers', async () => {
    const versionsBefore = await versionCount();
    await lake.load(demo(0.01).slice(0, 1));
    await lake.runPipeline(bundledModelFiles);
    expect(await versionCount()).toBe(versionsBefore + 1);
  }, 120_000);
});

describe('NextAnswer', () => {
  it('resolves at the next answer, or after its wait when none comes', async () => {
    let wake: () => void = () => undefined;
    const next = new NextAnswer(() => new Promise((resolve) => (wake = resolve)));
    let done = false;
    const waiting = next.next(5000).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    next.answered();
    await waiting;
    expect(done).toBe(true);
    const unanswered = next.next(5000);
    wake();
    await unanswered; // the timeout let it go
  });
});
