import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { answerKey } from './chartAnswers';
import { CHART_IDS } from './chartId';
import { queryDashboard } from './dashboardData';
import { DASHBOARD_CHARTS, rowLevelChartQuery } from './dashboardCharts';
import { DashboardTables } from './dashboardTables';
import { everyFilter, INDEX_FIXTURE_SQL } from './testing/indexFixture';
import { buildChartIndexes } from './chartIndexes';

type Row = Record<string, unknown>;

/** Rows in order, with BIGINT as numbers. */
const rowsOf = (table: Table): Row[] => table.toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

/*
 * The rows a click looks up (every chart's rows per filter combination, kept in memory)
 * against the row-level query they stand for, for every chart × every filter combination
 * of the fixture (ties, empty groups, values with no rows), on both engines; and the
 * category chart's fallback to its query when the selected category is not among the
 * kept rows.
 */
describe.each(testEngines)('chart answers on the %s engine', (_kind, open) => {
  let engine: Engine;
  let tables: DashboardTables;
  beforeAll(async () => {
    engine = await open();
    await engine.exec(INDEX_FIXTURE_SQL);
    await buildChartIndexes(engine);
    // The fixture stands for tables built elsewhere: only the answers are computed here.
    tables = new DashboardTables(engine);
    tables.usePrebuilt();
    await tables.ensure();
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  for (const chart of CHART_IDS) {
    it(`${chart}: the rows looked up equal the row-level query's under every filter`, async () => {
      let answered = 0;
      let queried = 0;
      for (const filter of everyFilter()) {
        const label = `${chart} under ${JSON.stringify(filter)}`;
        const expected = rowsOf(await engine.query(rowLevelChartQuery(chart, filter)));
        if (tables.answers!.answer(chart, filter)) answered++;
        else queried++;
        const data = await queryDashboard(engine, tables, filter, [chart]);
        expect(rowsOf(tableFromIPC(data.charts[0]!.ipc)), label).toEqual(expected);
      }
      expect(answered, chart).toBeGreaterThan(everyFilter().length / 2);
      // Only the category chart may need its query: for a selected category outside its top bars.
      if (chart === 'revenueByCategory') expect(queried).toBeGreaterThan(0);
      else expect(queried, chart).toBe(0);
    });
  }

  it('a filter value holding the key separator is queried, never mistaken for another combination', async () => {
    const index = DASHBOARD_CHARTS.revenueMonthly.index;
    expect(answerKey(index, { customerState: 'AA\u001fcat03' })).toBeUndefined();
    expect(answerKey(index, { customerState: 'AA', category: 'cat03' })).toBeDefined();
    const data = await queryDashboard(engine, tables, { customerState: 'AA\u001fcat03' }, ['revenueMonthly']);
    expect(rowsOf(tableFromIPC(data.charts[0]!.ipc))).toEqual([]);
  });
});
