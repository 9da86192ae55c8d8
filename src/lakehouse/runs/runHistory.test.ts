import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';
import { compareRuns } from './compareRuns';
import { faultHooks, faultyModelFiles, parseFault } from './injectedFault';
import { runAlert } from './runAlert';
import { RunsOperations } from './runsOperations';

/*
 * The run history on both engines, through the Lakehouse operations the worker calls:
 * every figure recorded is checked against the lakehouse's own tables or the run's own
 * report, never against constants.
 */
describe.each(testEngines)('run history on the %s engine', (_kind, open) => {
  let engine: Engine;
  let lake: Lakehouse;
  const saves: string[] = [];
  const ops = () => new RunsOperations(() => lake, { changing: async () => void saves.push('changing'), save: async () => void saves.push('save') });
  const count = async (sql: string) => Number((await engine.query(sql)).get(0)!.n);
  const layerRows = async (layer: string) => {
    const tables = (await lake.tables()).filter((t) => t.layer === layer);
    return tables.reduce((n, t) => n + t.rows, 0);
  };

  beforeAll(async () => {
    engine = await open();
    lake = new Lakehouse(engine);
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps nothing until it is asked to (the CLI): no runs schema', async () => {
    await lake.load([{ path: 'sellers.csv', bytes: new TextEncoder().encode('seller_id,seller_zip_code_prefix\ns1,01037\n') }]);
    expect(await count(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'runs'`)).toBe(0);
    expect(await lake.history.list()).toEqual([]);
    await lake.reset();
  });

  it('records a load and the pipeline run after it as one run, with the numbers of the tables it left', async () => {
    lake.history.keep();
    const report = await lake.load(generateOlist({ sf: 0.01 }).map((f) => ({ path: f.name, bytes: f.bytes })), undefined, undefined, { trigger: 'demo' });
    const run = await lake.runPipeline(bundledModelFiles);
    expect(run.ok).toBe(true);
    const runs = await lake.history.list();
    expect(runs).toHaveLength(1);
    const r = runs[0]!;
    expect(r).toMatchObject({ kind: 'batch', batchId: report.batch, trigger: 'demo', status: 'success', files: 9, fileErrors: 0, modelsFailed: 0, modelsRetried: 0 });
    expect(report.batch).toBe(1); // every load is a batch of the lakehouse (src/lakehouse/batches)
    expect(r.rowsLoaded).toBe(await layerRows('bronze'));
    expect(r.quarantinedRows).toBe(await layerRows('quarantine'));
    expect(r.quarantinedRows).toBeGreaterThan(0);
    expect(r.modelsBuilt).toBe(run.models.length);
    expect(r.rowsBuilt).toBe((await layerRows('silver')) + (await layerRows('gold')));
    expect(r.expectationsPass).toBe(run.expectations.filter((e) => e.status === 'pass').length);
    expect(r.expectationsWarn).toBe(run.expectations.filter((e) => e.severity === 'warn' && e.status === 'fail').length);
    expect(r.expectationsFail).toBe(0);
    expect(r.loadMilliseconds).toBe(report.milliseconds);
    expect(r.pipelineMilliseconds).toBe(run.milliseconds);
    expect(r.milliseconds).toBe(report.milliseconds + run.milliseconds);
    expect(r.rowsPerSecond).toBeCloseTo(((r.rowsLoaded + r.rowsBuilt) * 1000) / r.milliseconds, 6);
    expect(r.peakMemoryBytes).toBeGreaterThan(0);
    expect(Date.parse(r.finishedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));

    const detail = (await lake.history.detail(r.id))!;
    expect(detail.models.map((m) => [m.name, m.status, m.rows, m.attempts])).toEqual(run.models.map((m) => [m.name, m.status, m.rows, 1]));
    expect(detail.expectations.map((e) => [e.model, e.name, e.status, e.failing])).toEqual(run.expectations.map((e) => [e.model, e.name, e.status, e.failing]));
    const tables = await lake.tables();
    expect(detail.tables.map((t) => `${t.layer}.${t.name}=${t.rows}`).sort()).toEqual(tables.map((t) => `${t.layer}.${t.name}=${t.rows}`).sort());
    const silverOrders = detail.models.find((m) => m.name === 'silver.orders')!;
    expect(silverOrders.quarantined).toBe(run.models.find((m) => m.name === 'silver.orders')!.balance!.quarantined);
    expect(runAlert(r)).toBeUndefined();
  }, 180_000);

  it('records a re-run with the models it rebuilt, and a model that succeeded after a retry', async () => {
    const fault = parseFault('gold.revenue_monthly');
    const run = await lake.runPipeline(faultyModelFiles(bundledModelFiles, fault), { testHooks: faultHooks(fault), retryPauseMs: 5 });
    expect(run.models.find((m) => m.name === 'gold.revenue_monthly')).toMatchObject({ status: 'success', attempts: 2 });
    const retried = (await lake.history.list())[0]!;
    expect(retried).toMatchObject({ kind: 'pipeline', trigger: 'user', status: 'success', modelsRetried: 1, rowsLoaded: 0 });
    expect((await lake.history.detail(retried.id))!.models.find((m) => m.name === 'gold.revenue_monthly')).toMatchObject({ attempts: 2, status: 'success' });

    const rerun = await lake.rerunFrom('gold.customer_ltv');
    const runs = await lake.history.list();
    expect(runs.map((r) => r.id)).toEqual([retried.id + 1, retried.id, retried.id - 1]);
    const r = runs[0]!;
    expect(r).toMatchObject({ kind: 'rerun', status: 'success', modelsBuilt: rerun.models.length, pipelineMilliseconds: rerun.milliseconds, loadMilliseconds: 0 });
    const detail = (await lake.history.detail(r.id))!;
    expect(detail.models.filter((m) => m.inRun).map((m) => m.name)).toEqual(rerun.models);
    // Every model of the lakehouse is listed (its DAG state), those left in place marked so.
    expect(detail.models).toHaveLength(21);
    const built = await Promise.all(rerun.models.map((m) => count(`SELECT count(*) AS n FROM ${m}`)));
    expect(r.rowsBuilt).toBe(built.reduce((a, b) => a + b, 0));
    expect(r.peakMemoryBytes).toBeGreaterThan(0);
    // The quarantine as the tables hold it after the run, though this re-run built none of it.
    expect(r.quarantinedRows).toBe(await layerRows('quarantine'));
    expect(r.quarantinedRows).toBeGreaterThan(0);
  }, 180_000);

  it('a failed model and a failing error-severity expectation fail the run, and the alert says why', async () => {
    const fault = parseFault('gold.revenue_monthly,2');
    await lake.runPipeline(faultyModelFiles(bundledModelFiles, fault), { testHooks: faultHooks(fault), retryPauseMs: 5 });
    const failed = (await lake.history.list())[0]!;
    expect(failed).toMatchObject({ status: 'failed', modelsFailed: 1 });
    expect(failed.problem).toContain('gold.revenue_monthly');
    expect(runAlert(failed)).toBe(`Run ${failed.id} failed: ${failed.problem}`);

    // A row taken out of gold.revenue_monthly breaks the revenue reconciliation (error severity).
    await lake.rerunFrom('gold.revenue_monthly');
    await engine.exec('DELETE FROM gold.revenue_monthly WHERE month = (SELECT min(month) FROM gold.revenue_monthly)');
    await lake.rerunFrom('gold.revenue_reconciliation');
    const broken = (await lake.history.list())[0]!;
    const detail = (await lake.history.detail(broken.id))!;
    const errors = detail.expectations.filter((e) => e.severity === 'error' && e.status === 'fail');
    expect(errors.length).toBeGreaterThan(0);
    expect(broken).toMatchObject({ status: 'failed', modelsFailed: 0, expectationsFail: errors.length });
    expect(runAlert(broken)).toMatch(new RegExp(`^Run ${broken.id} has failing error-severity expectations: `));

    // Compared with the first run: revenue_monthly failed in one, gold lost a row and the reconciliation fails in the other.
    const first = (await lake.history.list()).at(-1)!;
    const firstDetail = (await lake.history.detail(first.id))!;
    const models = compareRuns(firstDetail, (await lake.history.detail(failed.id))!).models;
    expect(models.find((m) => m.name === 'gold.revenue_monthly')).toMatchObject({ changed: true, before: { status: 'success', attempts: 1 }, after: { status: 'failed', attempts: 2 } });
    expect(models.find((m) => m.name === 'gold.rfm')!.changed).toBe(false);
    expect(models.filter((m) => m.changed).map((m) => m.name)).toEqual(['gold.revenue_monthly', 'gold.revenue_reconciliation']);
    const diff = compareRuns(firstDetail, detail);
    expect(diff.expectations.some((e) => e.model === 'gold.revenue_reconciliation' && e.before?.status === 'pass' && e.after?.status === 'fail')).toBe(true);
    expect(diff.layers.find((l) => l.name === 'gold')!.before - diff.layers.find((l) => l.name === 'gold')!.after).toBe(1);
    expect(diff.totals.find((t) => t.name === 'Errors')).toEqual({ name: 'Errors', before: 0, after: errors.length });
    expect(await ops().compare(first.id, broken.id)).toEqual(diff);
  }, 180_000);

  it('keeps the last N runs with everything recorded about them, clears on request, and never reuses an id', async () => {
    const before = await lake.history.list();
    expect(before.length).toBeGreaterThan(3);
    saves.length = 0;
    expect(await ops().setRetention(2)).toEqual({ keep: 2 });
    expect(saves).toEqual(['changing', 'save']);
    expect((await ops().retention()).keep).toBe(2);
    const kept = await lake.history.list();
    expect(kept.map((r) => r.id)).toEqual(before.slice(0, 2).map((r) => r.id));
    for (const table of ['models', 'expectations', 'tables']) {
      expect(await count(`SELECT count(*) AS n FROM runs.${table} WHERE run_id NOT IN (${kept.map((r) => r.id).join(', ')})`)).toBe(0);
    }
    const trends = await lake.history.trends();
    expect(trends.runs.map((r) => r.id)).toEqual(kept.map((r) => r.id).reverse());
    expect(new Set(trends.layers.map((l) => l.run))).toEqual(new Set(kept.map((r) => r.id)));
    await expect(lake.history.setRetention(0)).rejects.toThrow(/between 1 and 1000/);

    await ops().clear();
    expect(await lake.history.list()).toEqual([]);
    await lake.rerunFrom('gold.rfm');
    expect((await lake.history.list()).map((r) => r.id)).toEqual([before[0]!.id + 1]);
  }, 180_000);
});
