import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import type { PipelineRun } from '../../pipeline/runner';
import { CHART_IDS } from '../dashboard/chartId';
import { Lakehouse } from '../lakehouse';
import { FIRST_CHARTS } from './orderOfNeed';

/*
 * A `dashboard first` run (the demo) in order of need: the first charts are answered
 * before the models they do not read are built and before any check runs; the run still
 * reports every model and every check, and leaves the same tables, checks and charts as
 * the CLI's order.
 */
const demo = () => generateOlist({ sf: 0.01 }).map((f) => ({ path: `demo/${f.name}`, bytes: f.bytes }));

/** A run without what differs from run to run (times, and the load's time in failing rows). */
const comparable = (run: PipelineRun) => ({
  ok: run.ok,
  models: run.models.map(({ milliseconds: _m, finished_at: _f, ...m }) => m),
  expectations: run.expectations.map(({ milliseconds: _m, samples, ...e }) => ({ ...e, samples: samples.map(({ _loaded_at: _l, ...s }) => s) })),
});

/** Every table of the layers and the dashboard's schema: rows and a hash of their values (without _loaded_at, a time). */
async function contents(engine: Engine): Promise<Record<string, string>> {
  const tables = (await engine.query(`SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name IN ('bronze', 'silver', 'gold', 'quarantine', 'duplicates', 'dashboard') ORDER BY 1`)).toArray().map((r) => String(r.t));
  const out: Record<string, string> = {};
  for (const t of tables) {
    const row = (await engine.query(`SELECT count(*)::VARCHAR || ' rows, ' || coalesce(sum(hash(r))::VARCHAR, '-') AS v FROM (SELECT COLUMNS(c -> c <> '_loaded_at') FROM ${t}) AS r`)).get(0)!;
    out[t] = String(row.v);
  }
  return out;
}

describe('a run in order of need', () => {
  let engine: Engine;
  let reference: Engine;
  beforeAll(async () => {
    [engine, reference] = await Promise.all([createNodeWasmEngine(), createNodeWasmEngine()]);
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
    await reference?.close();
  });

  it('answers the first charts before the models they do not read and before the checks, and reports every model and check as the CLI order does', async () => {
    const events: string[] = [];
    const lake = new Lakehouse(engine);
    await lake.load(demo());
    let firstAnswer: Promise<void> | undefined;
    let rest: Promise<unknown> | undefined;
    // What had happened when each read began to count as interactive (the writer gives way to those).
    const trackedAfter: string[] = [];
    const track = lake.interactive.track.bind(lake.interactive);
    lake.interactive.track = (work) => (trackedAfter.push(events.at(-1) ?? ''), track(work));
    const run = await lake.runPipeline(
      bundledModelFiles,
      { onModel: (m) => events.push(`built ${m.name}`), onChecking: () => events.push('checking') },
      'dashboard first',
      () => {
        events.push('first charts');
        // The page asks for every chart: the first ones are answered at once, the others are pending.
        firstAnswer = lake.dashboard({}).then((data) => {
          events.push(`answered ${data.charts.map((c) => c.chart).join(',')}; pending ${(data.pending ?? []).length}`);
          // Then for the pending ones, as the page does: that read waits for the rest of the run.
          rest = lake.dashboard({}, data.pending);
        });
      },
    );
    await firstAnswer;
    await rest;
    lake.interactive.track = track;
    // The read of the pending charts counted as interactive only once they were built (after
    // the checks): counted while it waited, the rest of the run would give way to it.
    expect(trackedAfter).toHaveLength(2);
    expect(trackedAfter[1]).toBe('checking');
    const at = (event: string) => events.findIndex((e) => e.startsWith(event));
    expect(at('first charts')).toBeGreaterThan(at('built gold.order_facts'));
    expect(at('first charts')).toBeLessThan(at('built silver.geolocation'));
    expect(at('answered')).toBeLessThan(at('built silver.geolocation'));
    expect(events[at('answered')]).toBe(`answered ${FIRST_CHARTS.join(',')}; pending ${CHART_IDS.length - FIRST_CHARTS.length}`);
    expect(at('checking')).toBeGreaterThan(at('built silver.geolocation'));
    expect(at('checking')).toBe(events.length - 1);

    // The same run in the CLI's order, on the same files in another engine.
    const cli = new Lakehouse(reference);
    await cli.load(demo());
    const usual = await cli.runPipeline(bundledModelFiles);
    expect(run.models.map((m) => m.name)).toEqual(usual.models.map((m) => m.name));
    expect(run.models).toHaveLength(bundledModelFiles.length);
    expect(run.expectations.length).toBeGreaterThan(run.models.length);
    expect(comparable(run)).toEqual(comparable(usual));

    // Every chart, after the run: the same rows as a dashboard built whole after the run.
    const [staged, whole] = await Promise.all([lake.dashboard({}), cli.dashboard({})]);
    expect(staged.pending).toBeUndefined();
    expect(staged.charts.map((c) => [c.chart, Buffer.from(c.ipc).toString('hex')])).toEqual(whole.charts.map((c) => [c.chart, Buffer.from(c.ipc).toString('hex')]));
    const [one, other] = await Promise.all([lake.dashboard({ customerState: 'SP' }), cli.dashboard({ customerState: 'SP' })]);
    expect(one.charts.map((c) => Buffer.from(c.ipc).toString('hex'))).toEqual(other.charts.map((c) => Buffer.from(c.ipc).toString('hex')));
    await Promise.all([lake.bookkept(), cli.bookkept()]);
    expect(await contents(engine)).toEqual(await contents(reference));
  }, 180_000);
});
