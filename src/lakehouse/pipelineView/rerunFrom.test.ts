import { describe, expect, it } from 'vitest';
import { queryRows, useDemoLakehouse } from '../dashboard/testing/demoLakehouse';

/*
 * "Re-run from here" on the generated Olist data (sf 0.01), DuckDB-WASM in Node, through
 * the Lakehouse operations the worker exposes.
 */
describe('rerunFrom', () => {
  const lakehouse = useDemoLakehouse();

  it('rebuilds the model and its descendants, leaves the other tables in place, and merges the run', async () => {
    const lake = lakehouse();
    const count = async (table: string) => Number((await queryRows(lake, `SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const before = await count('gold.rfm');
    const monthly = await count('gold.revenue_monthly');
    // Re-running revenue_monthly alone leaves rfm's time of the first run.
    const first = (await lake.rerunFrom('gold.revenue_monthly')).run.models;
    const builtAt = first.find((m) => m.name === 'gold.rfm')!.finished_at!;
    const monthlyAt = first.find((m) => m.name === 'gold.revenue_monthly')!.finished_at!;
    expect(Date.parse(monthlyAt)).toBeGreaterThan(Date.parse(builtAt));
    // Damage a descendant (it must come back) and mark a table outside the set (it must stay marked).
    await lake.engine.exec('DELETE FROM gold.rfm');
    await lake.engine.exec('DELETE FROM gold.revenue_monthly WHERE month = (SELECT min(month) FROM gold.revenue_monthly)');

    const planned: string[][] = [];
    const finished: string[] = [];
    const rerun = await lake.rerunFrom('gold.customer_ltv', { onPlan: (ids) => planned.push(ids), onModel: (m) => finished.push(m.name) });
    // In dependency order (ties by name): the reconciliation reads customer_ltv, rfm reads it too.
    expect(planned).toEqual([['gold.customer_ltv', 'gold.customer_segments', 'gold.revenue_reconciliation', 'gold.rfm']]);
    expect(finished).toEqual(planned[0]);
    expect(rerun.models).toEqual(planned[0]);
    expect(await count('gold.rfm')).toBe(before);
    expect(await count('gold.revenue_monthly')).toBe(monthly - 1);

    // The merged run still lists every model once, with the re-run ones' new results.
    const run = rerun.run;
    expect(run.models).toHaveLength(21);
    expect(new Set(run.models.map((m) => m.name)).size).toBe(21);
    expect(run.models.find((m) => m.name === 'gold.rfm')).toMatchObject({ status: 'success', rows: before });
    expect(Date.parse(run.models.find((m) => m.name === 'gold.rfm')!.finished_at!)).toBeGreaterThan(Date.parse(builtAt));
    expect(run.models.find((m) => m.name === 'gold.revenue_monthly')!.finished_at).toBe(monthlyAt);
    // The expectations of the re-run models were run again, once each: rfm's reconciliation
    // with customer_ltv passes on the rebuilt tables.
    const rfm = run.expectations.filter((e) => e.model === 'gold.rfm');
    expect(rfm.length).toBeGreaterThan(5);
    expect(new Set(rfm.map((e) => e.name)).size).toBe(rfm.length);
    expect(rfm.every((e) => e.status === 'pass')).toBe(true);
    // The reconciliation reads revenue_monthly, which was left with a month missing: it fails now.
    const reconciliation = run.expectations.filter((e) => e.model === 'gold.revenue_reconciliation' && e.status !== 'pass');
    expect(reconciliation.length).toBeGreaterThan(0);
    expect(run.ok).toBe(false);
  });

  it('skips a model whose upstream table is not built, naming it', async () => {
    const lake = lakehouse();
    await lake.engine.exec('DROP TABLE gold.customer_ltv');
    const rerun = await lake.rerunFrom('gold.rfm');
    expect(rerun.run.models.find((m) => m.name === 'gold.rfm')).toMatchObject({ status: 'skipped', error: 'needs gold.customer_ltv, which is not built' });
    const again = await lake.rerunFrom('gold.customer_ltv');
    expect(again.run.models.find((m) => m.name === 'gold.rfm')).toMatchObject({ status: 'success' });
    expect(again.run.models.filter((m) => m.status !== 'success').map((m) => m.name)).toEqual([]);
  });
});
