import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { testEngines } from '../../engine/testEngines';
import { emptyIngestReport, loadFiles } from '../../ingest/loadFiles';
import { descendants } from '../../pipeline/dag';
import { runPipeline, type PipelineRun } from '../../pipeline/runner';
import { columnTypes, expectClose, generatedOlistFiles, MODELS, rows, type Row } from '../../pipeline/models/testHarness';
import { commitBatch, currentBatch } from './batches';
import { appendBatch, appendExpected, appendOrdersOnly, buildChanges, emptyLakehouse, moveBronzeToGen, type Plan } from './batchPlan';

/*
 * Issue #15's property: the generated Olist data (sf 0.01) split into a seeded random
 * sequence of batches, with updates (orders moving to delivered, twice in one batch),
 * deletes and snapshot rows sent again in later batches, loaded batch by batch with a
 * pipeline run after each, gives every silver and gold table the same rows as
 * - the same batches loaded in one go and run once, and
 * - the data with every change applied, loaded as one snapshot (the oracle: a merge rule
 *   that let the first batch win, or dropped deletes, differs from it).
 * Bronze's own columns (_source, _row, _batch, …) are left out: they name the batch files.
 * Batch by batch runs incrementally (src/pipeline/incremental): silver merges only each
 * batch's rows, models nothing changed for are left as they are (an empty batch, a batch
 * of orders only), gold models declaring `incremental:` rebuild only the keys the merges
 * touched (src/pipeline/incremental/goldByKeys.ts); after those, duplicates.* and quarantine.* must equal the one-go run's
 * row by row (which bronze row went where, against which kept row, of which kind).
 */

const PLANS: Plan[] = [
  { batches: 3, seed: 7 },
  { batches: 4, seed: 11 },
];
const META = new Set(['_source', '_source_kind', '_row', '_loaded_at', '_batch', '_op', '_change_at']);

/** Every silver and gold table's data columns, rows sorted. */
async function tablesNow(engine: Engine): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const m of MODELS) {
    const table = qualified(m.layer, m.name);
    const types = Object.entries(await columnTypes(engine, table)).filter(([c]) => !META.has(c));
    const select = types.map(([c, t]) => (t === 'DOUBLE' || t === 'FLOAT' ? `round(${quoteIdent(c)}, 6) AS ${quoteIdent(c)}` : `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`));
    out.set(m.id, await rows(engine, `SELECT ${select.join(', ')} FROM ${table} ORDER BY ALL`));
  }
  return out;
}

async function run(engine: Engine, incremental = false): Promise<PipelineRun> {
  const result = await runPipeline(engine, MODELS, { incremental });
  const failed = result.models.filter((m) => m.status !== 'success');
  expect(failed.map((m) => `${m.name}: ${m.error}`)).toEqual([]);
  // Every bronze row in exactly one place, whatever the batches did.
  expect(result.expectations.filter((e) => e.kind === 'balance' && e.status !== 'pass').map((e) => `${e.model}: ${e.message}`)).toEqual([]);
  return result;
}

/** Where silver put each bronze row it did not keep: duplicates.* and quarantine.* (by bronze row), rows sorted. */
async function placesNow(engine: Engine): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const m of MODELS.filter((m) => m.layer === 'silver')) {
    out.set(`duplicates.${m.name}`, await rows(engine, `SELECT _source, _row::BIGINT AS _row, _kept_source, _kept_row::BIGINT AS _kept_row, _kind FROM duplicates.${m.name} ORDER BY ALL`));
    out.set(`quarantine.${m.name}`, await rows(engine, `SELECT _source, _row::BIGINT AS _row, _reason FROM quarantine.${m.name} WHERE _stage = 'silver' ORDER BY ALL`));
  }
  return out;
}

/** How the incremental run brought each model up to date: 'unchanged', 'merged' or 'whole'. */
function how(result: PipelineRun): Record<string, string> {
  return Object.fromEntries(result.models.map((m) => [m.name, m.incremental ?? 'whole']));
}

function expectSameTables(actual: Map<string, Row[]>, expected: Map<string, Row[]>, what: string): void {
  for (const [model, want] of expected) {
    const got = actual.get(model)!;
    expect(got.length, `${what}: ${model} rows`).toBe(want.length);
    expectClose(got, want, `${what}: ${model}`);
  }
}

describe.each(testEngines)('batches on %s', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(PLANS)('$batches batches (seed $seed) equal a full rebuild', async (plan) => {
    await emptyLakehouse(engine);
    expect((await loadFiles(engine, generatedOlistFiles(), { loadedAt: new Date(Date.UTC(2024, 0, 1)) })).errors).toEqual([]);
    await moveBronzeToGen(engine);
    await buildChanges(engine, plan);

    await appendExpected(engine);
    await run(engine);
    const expected = await tablesNow(engine);

    await emptyLakehouse(engine);
    for (let b = 1; b <= plan.batches; b++) {
      await appendBatch(engine, plan, b);
      expect(await commitBatch(engine, emptyIngestReport())).toBe(b);
      const ran = how(await run(engine, true));
      // From batch 2 on, silver merges the new rows of every source that got some (each
      // batch touches every source here); geolocation reduces and products reads the
      // category translations, which changed too: both are built whole.
      const whole = (m: (typeof MODELS)[number]) => b === 1 || m.reduces || m.references.some((r) => r.startsWith('silver.'));
      const silver = MODELS.filter((m) => m.layer === 'silver').map((m) => [m.id, whole(m) ? 'whole' : 'merged']);
      expect(Object.entries(ran).filter(([id]) => id.startsWith('silver.'))).toEqual(expect.arrayContaining(silver));
      // Gold models declaring `incremental:` rebuild only the keys of what the silver merges touched.
      const byKey = MODELS.filter((m) => m.incremental).map((m) => [m.id, b === 1 ? 'whole' : 'merged']);
      expect(byKey.length).toBeGreaterThan(0);
      expect(Object.entries(ran)).toEqual(expect.arrayContaining(byKey));
    }
    const incremental = await tablesNow(engine);
    expectSameTables(incremental, expected, 'batch by batch vs every change applied');
    expect(await currentBatch(engine)).toBe(plan.batches);
    // The changes did something: orders were updated and deleted, reviews deleted.
    const kinds = await rows(engine, `SELECT _kind, count(*)::BIGINT AS n FROM duplicates.orders GROUP BY ALL ORDER BY ALL`);
    expect(kinds.map((k) => k._kind)).toEqual(expect.arrayContaining(['delete', 'deleted', 'superseded']));
    // The records that could not apply are in quarantine, named by file and line.
    const bad = await rows(engine, `SELECT _reason FROM quarantine.orders WHERE _stage = 'silver' AND order_id = 'never-seen-order'
      UNION ALL SELECT _reason FROM quarantine.order_reviews WHERE _stage = 'silver' AND review_id = 'never-seen-review'`);
    expect(bad.map((r) => String(r._reason))).toEqual([
      expect.stringMatching(/^update of a key that is not in the lakehouse \(order_id never-seen-order\): batch\d\/orders\.changes line \d+$/),
      expect.stringMatching(/^delete of a key that is not in the lakehouse \(review_id never-seen-review, order_id .+\): batch\d\/order_reviews\.changes line \d+$/),
    ]);


    // A batch with no rows leaves every model as it is; a batch of orders only merges
    // silver.orders (orders sent again, deleted orders coming back, a bad update), leaves
    // the other silver models as they are and rebuilds the gold models that read it.
    await commitBatch(engine, emptyIngestReport());
    const idle = how(await run(engine, true));
    expect(Object.values(idle).every((h) => h === 'unchanged'), JSON.stringify(idle)).toBe(true);
    await appendOrdersOnly(engine, plan, plan.batches + 2);
    await commitBatch(engine, emptyIngestReport());
    const ordersOnly = how(await run(engine, true));
    const readsOrders = new Set(['silver.orders', ...descendants(MODELS, 'silver.orders')]);
    // Gold declaring `incremental:` goes by key when every table it reads that changed went by key (MODELS is in run order).
    const expectedHow = new Map<string, string>();
    for (const m of MODELS) {
      const changedRefs = m.references.filter((r) => readsOrders.has(r));
      const byKey = m.id === 'silver.orders' || (m.incremental && changedRefs.every((r) => expectedHow.get(r) === 'merged' && m.incremental!.changed[r]));
      expectedHow.set(m.id, byKey ? 'merged' : readsOrders.has(m.id) ? 'whole' : 'unchanged');
    }
    expect(ordersOnly).toEqual(Object.fromEntries(expectedHow));
    const incrementalAll = await tablesNow(engine);
    const incrementalPlaces = await placesNow(engine);
    expect(incrementalPlaces.get('quarantine.orders')!.map((r) => r._reason)).toContainEqual(expect.stringMatching(/^update of a key that is not in the lakehouse \(order_id never-seen-again\)/));

    await emptyLakehouse(engine);
    for (let b = 1; b <= plan.batches; b++) {
      await appendBatch(engine, plan, b);
      await commitBatch(engine, emptyIngestReport());
    }
    await commitBatch(engine, emptyIngestReport());
    await appendOrdersOnly(engine, plan, plan.batches + 2);
    await commitBatch(engine, emptyIngestReport());
    await run(engine);
    const oneGo = await tablesNow(engine);

    // Silver, gold, and where every other bronze row went: the same, row by row.
    expectSameTables(oneGo, incrementalAll, 'in one go vs batch by batch');
    expectSameTables(await placesNow(engine), incrementalPlaces, 'in one go vs batch by batch');
  }, 240_000);
});
