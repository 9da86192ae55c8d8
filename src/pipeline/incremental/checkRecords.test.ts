import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import type { InputFile } from '../../ingest/inputFile';
import { loadFiles } from '../../ingest/loadFiles';
import { commitBatch } from '../../lakehouse/batches/batches';
import { firstBatch } from '../../lakehouse/versions/testing/changedOrders';
import type { ExpectationResult } from '../expectations/runExpectation';
import { MODELS } from '../models/testHarness';
import { runPipeline, type PipelineRun } from '../runner';

/*
 * An incremental run reports, for the models it left unchanged, the check results counted
 * on the same tables before (checkRecords.ts), and they are what counting them again gives:
 * batch 2 brings an order of a customer nobody knows (silver.orders' relationships warning
 * fails once), batch 3 brings only that customer: silver.orders is left unchanged, yet its
 * warning reads silver.customers, which changed, so it is counted again and passes.
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const at = new Date(Date.UTC(2024, 0, 1));
const ORDER = 'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date';
const CUSTOMER = 'customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state';
const batch2: InputFile[] = [{ path: 'orders2.csv', bytes: utf8(`${ORDER}\nfeed0000000000000000000000000001,cust-nobody-knows,delivered,2018-01-02 10:00:00,,,,2018-01-20 00:00:00\n`) }];
const batch3: InputFile[] = [{ path: 'customers3.csv', bytes: utf8(`${CUSTOMER}\ncust-nobody-knows,person-new,01037,sao paulo,SP\n`) }];

type Marked = ExpectationResult & { kept?: boolean };
/** The results as reported, without the times (a result reported again keeps the time it was counted in) and the test's mark. */
const reported = (run: PipelineRun) => run.expectations.map(({ milliseconds: _ms, kept: _kept, ...r }: Marked) => r);
/** Which models' results came from meta.model_checks (marked there by `mark`). */
const keptModels = (run: PipelineRun) => [...new Set(run.expectations.filter((e: Marked) => e.kept).map((e) => e.model))].sort();
const relationship = (run: PipelineRun) => run.expectations.find((e) => e.model === 'silver.orders' && e.kind === 'relationships')!;

describe.each(testEngines)('checks of unchanged models (%s)', (_name, open) => {
  let engine: Engine;
  const runs: PipelineRun[] = [];
  const run = async (files: InputFile[]) => {
    if (files.length) {
      const report = await loadFiles(engine, files, { loadedAt: at });
      expect(report.errors).toEqual([]);
      await commitBatch(engine, report, at);
    }
    const result = await runPipeline(engine, MODELS, { incremental: true });
    expect(result.models.filter((m) => m.status !== 'success')).toEqual([]);
    return result;
  };
  const mark = () => engine.exec(`UPDATE meta.model_checks SET results = replace(results, '"model":', '"kept":true,"model":')`);
  beforeAll(async () => {
    engine = await open();
    for (const files of [firstBatch(), batch2, batch3]) {
      // Kept results carry a mark from here on, so that the runs show which they reported again.
      if (runs.length) await mark();
      runs.push(await run(files));
    }
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('reports what counting them again reports', async () => {
    const batch = runs[2]!;
    expect(batch.models.find((m) => m.name === 'silver.orders')!.incremental).toBe('unchanged');
    expect(batch.models.find((m) => m.name === 'silver.customers')!.incremental).toBe('merged');
    expect(relationship(runs[1]!)).toMatchObject({ status: 'fail', failing: relationship(runs[0]!).failing + 1 });
    expect(relationship(batch)).toMatchObject({ failing: relationship(runs[0]!).failing });
    // Reported again: the silver models batch 3 did not touch whose checks read nothing that changed.
    const untouched = ['silver.category_translation', 'silver.geolocation', 'silver.order_items', 'silver.order_payments', 'silver.order_reviews', 'silver.products', 'silver.sellers'];
    expect(keptModels(batch)).toEqual(untouched);
    // Forget every kept result: the same run counts every check.
    await engine.exec('DELETE FROM meta.model_checks');
    const counted = await run([]);
    expect(reported(batch)).toEqual(reported(counted));
  });

  it('reports every result again when nothing changed', async () => {
    await mark();
    const again = await run([]);
    expect(keptModels(again)).toEqual(MODELS.map((m) => m.id).sort());
    expect(reported(again)).toEqual(reported(runs[2]!));
  });
});
