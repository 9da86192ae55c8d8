import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { CHART_IDS } from './chartId';
import { indexCells, rowLevelCells } from './chartIndex';
import { buildChartIndexes } from './chartIndexes';
import { chartQuery, DASHBOARD_CHARTS, rowLevelChartQuery } from './dashboardCharts';
import { everyFilter, INDEX_FIXTURE_SQL } from './testing/indexFixture';

type Row = Record<string, unknown>;

/** Rows with BIGINT and DECIMAL as numbers; cells (unordered) sorted, chart rows kept in order. */
async function rows(engine: Engine, sql: string, sorted: boolean): Promise<Row[]> {
  const all = (await engine.query(sql)).toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  if (!sorted) return all;
  return all.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/*
 * Every index against the row-level query it replaces, for every chart × every filter
 * combination (each dimension unset, set to a value with rows, to one with empty groups,
 * to one with none), on made-up data with ties and empty groups, on both engines. The
 * fixture's money and durations are exact in binary, so the rows must be equal, not close.
 */
describe.each(testEngines)('chart indexes on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await engine.exec(INDEX_FIXTURE_SQL);
    await buildChartIndexes(engine);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('the fixture has what the comparison needs: non-additive customers, ties, empty groups', async () => {
    const [facts] = await rows(engine, `SELECT
      (SELECT count(*) FROM (SELECT customer_key FROM dashboard.orders WHERE customer_key IS NOT NULL GROUP BY ALL HAVING count(DISTINCT customer_state) > 1)) AS multi_state_customers,
      (SELECT count(*) FROM (SELECT category FROM dashboard.items GROUP BY ALL)) AS categories,
      (SELECT count(*) FROM (SELECT revenue FROM dashboard.items GROUP BY ALL HAVING count(*) > 1)) AS tied_revenues,
      (SELECT count(*) FROM dashboard.deliveries WHERE customer_state = 'EE') AS ee_deliveries,
      (SELECT count(*) FROM dashboard.items WHERE customer_state = 'EE') AS ee_items`, false);
    expect(facts!.multi_state_customers).toBeGreaterThan(10);
    expect(facts!.categories).toBeGreaterThan(12);
    expect(facts!.tied_revenues).toBeGreaterThan(0);
    expect(facts!.ee_deliveries).toBe(0);
    expect(facts!.ee_items).toBeGreaterThan(0);
  });

  for (const chart of CHART_IDS) {
    it(`${chart}: the index's cells and the chart's rows equal the row-level query's under every filter`, async () => {
      const index = DASHBOARD_CHARTS[chart].index;
      let nonEmpty = 0;
      for (const filter of everyFilter()) {
        const label = `${chart} under ${JSON.stringify(filter)}`;
        const expected = await rows(engine, rowLevelCells(index, filter), true);
        expect(await rows(engine, indexCells(index, filter), true), label).toEqual(expected);
        expect(await rows(engine, chartQuery(chart, filter), false), label).toEqual(await rows(engine, rowLevelChartQuery(chart, filter), false));
        if (expected.length > 0) nonEmpty++;
      }
      // The comparison is not between two empty results.
      expect(nonEmpty).toBeGreaterThan(10);
    });
  }

  it('a click reads the index only, never the row-level tables', () => {
    for (const chart of CHART_IDS) {
      const sql = chartQuery(chart, { customerState: 'AA', category: 'cat03', month: '2017-02-01' });
      expect(sql, chart).toContain('dashboard.index_');
      expect(sql, chart).not.toMatch(/dashboard\.(items|orders|deliveries|customers)\b/);
    }
  });
});
