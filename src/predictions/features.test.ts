import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { buildLakehouse, generatedOlistFiles } from '../pipeline/models/testHarness';
import { bundledFeatureSql } from './bundledFeatures';
import { buildChurnFeatures, buildEtaFeatures, purchaseRange, toColumns } from './features';
import { churnCutoffs } from './split';

// Leakage: the features of an order (or of a customer at a cutoff) must be the same whether
// the data ends at time T or goes on past it with the future rows mixed in. The "world as
// known at T" keeps orders purchased before T, forgets carrier and delivery dates after T,
// and drops reviews written after T.

let engine: Engine;
const T = "TIMESTAMP '2018-03-01'";

async function worldAt(cut: boolean): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TABLE gold.order_facts AS SELECT * FROM full_facts ORDER BY hash(order_id)`);
  await engine.exec(`CREATE OR REPLACE TABLE silver.order_reviews AS SELECT * FROM full_reviews ORDER BY hash(review_id)`);
  if (!cut) return;
  await engine.exec(`
    DELETE FROM gold.order_facts WHERE purchased_at >= ${T};
    UPDATE gold.order_facts SET carrier_at = NULL WHERE carrier_at >= ${T};
    UPDATE gold.order_facts SET delivered_at = NULL WHERE delivered_at >= ${T};
    DELETE FROM silver.order_reviews WHERE review_creation_date >= ${T};`);
}

async function etaRows(): Promise<string[]> {
  await buildEtaFeatures(engine, bundledFeatureSql);
  const t = await engine.query(
    `SELECT * EXCLUDE (delivered_at, delivery_days) FROM ml.eta_features WHERE purchased_at < ${T} ORDER BY order_id`,
  );
  const c = toColumns(t);
  return c.order_id!.map((_, i) => JSON.stringify(Object.keys(c).map((k) => c[k]![i])));
}

async function churnRows(cutoffs: number[]): Promise<string[]> {
  await buildChurnFeatures(engine, bundledFeatureSql, cutoffs, 180);
  const t = await engine.query(`SELECT * EXCLUDE (bought_again) FROM ml.churn_features ORDER BY cutoff, customer_unique_id`);
  const c = toColumns(t);
  return c.customer_unique_id!.map((_, i) => JSON.stringify(Object.keys(c).map((k) => c[k]![i])));
}

beforeAll(async () => {
  engine = await NativeEngine.open();
  await buildLakehouse(engine, generatedOlistFiles());
  await engine.exec(`CREATE TABLE full_facts AS SELECT * FROM gold.order_facts; CREATE TABLE full_reviews AS SELECT * FROM silver.order_reviews`);
}, 120_000);
afterAll(async () => engine?.close());

describe('prediction features: no leakage', () => {
  it('ETA features of orders placed before T do not change when rows after T are added', async () => {
    await worldAt(true);
    const known = await etaRows();
    await worldAt(false);
    const all = await etaRows();
    expect(known.length).toBeGreaterThan(300);
    expect(all.length).toBe(known.length);
    expect(all.filter((row, i) => row !== known[i]).slice(0, 3)).toEqual([]);
    // The seller history is really used (not all NULL), so the check is not vacuous.
    const c = toColumns(await engine.query(`SELECT count(seller_past_handling_days) AS n FROM ml.eta_features`));
    expect(Number(c.n![0])).toBeGreaterThan(50);
  });

  it('churn features at cutoffs up to T do not change when rows after T are added', async () => {
    const { first, last } = await purchaseRange(engine);
    const cutoffs = [...churnCutoffs(first, last, 180).train, Date.UTC(2018, 2, 1)];
    await worldAt(true);
    const known = await churnRows(cutoffs);
    await worldAt(false);
    const all = await churnRows(cutoffs);
    expect(known.length).toBeGreaterThan(300);
    expect(all.length).toBe(known.length);
    expect(all.filter((row, i) => row !== known[i]).slice(0, 3)).toEqual([]);
  });

  it('the churn label looks ahead exactly the horizon', async () => {
    await worldAt(false);
    await buildChurnFeatures(engine, bundledFeatureSql, [Date.UTC(2017, 9, 1)], 180);
    const c = toColumns(await engine.query(`
      SELECT count(*) FILTER (WHERE f.bought_again <> EXISTS (
        SELECT 1 FROM gold.order_facts o WHERE o.customer_unique_id = f.customer_unique_id AND o.is_revenue_bearing
          AND o.purchased_at >= TIMESTAMP '2017-10-01' AND o.purchased_at < TIMESTAMP '2017-10-01' + INTERVAL 180 DAY)) AS wrong,
        count(*) FILTER (WHERE f.bought_again) AS positives
      FROM ml.churn_features f`));
    expect(Number(c.wrong![0])).toBe(0);
    expect(Number(c.positives![0])).toBeGreaterThan(0);
  });
});
