import { describe, expect, it } from 'vitest';
import { CHART_IDS } from './chartId';
import { chartRows, queryRows, useDemoLakehouse } from './testing/demoLakehouse';

/*
 * Filter values come from the URL and from clicks: they must reach DuckDB as literals,
 * whatever they contain. Run against a real engine so that a quoting mistake would show
 * as a syntax error, a dropped table or rows that should not match.
 */

const lakehouse = useDemoLakehouse();

describe('hostile filter values', () => {
  it('a state that tries to widen the WHERE clause matches nothing', async () => {
    const data = await lakehouse().dashboard({ customerState: "SP' OR '1'='1" });
    expect(data.charts.map((c) => c.chart)).toEqual([...CHART_IDS]);
    expect(chartRows(data, 'revenueMonthly')).toEqual([]);
    expect(chartRows(data, 'delayHistogram')).toEqual([]);
    expect(chartRows(data, 'rfmSegments')).toEqual([]);
  });

  it('a category that tries to drop a table leaves it there', async () => {
    const before = await queryRows(lakehouse(), 'SELECT count(*) AS n FROM gold.rfm');
    const data = await lakehouse().dashboard({ category: "x'); DROP TABLE gold.rfm; --" });
    expect(chartRows(data, 'revenueByState')).toEqual([]);
    expect(await queryRows(lakehouse(), 'SELECT count(*) AS n FROM gold.rfm')).toEqual(before);
  });

  it('a month that is not a month is refused before any SQL runs', async () => {
    await expect(lakehouse().dashboard({ month: "2017-01-01' OR '1'='1" })).rejects.toThrow(/YYYY-MM-01/);
  });

  it('a value with a backslash, a semicolon and a comment marker is still one literal', async () => {
    const data = await lakehouse().dashboard({ customerState: "\\'; -- /* */", category: '"quoted"' });
    expect(chartRows(data, 'revenueMonthly')).toEqual([]);
  });

  it('chartQuery is the SQL the dashboard ran', async () => {
    const filter = { customerState: 'SP', month: '2017-03-01' };
    const data = await lakehouse().dashboard(filter);
    for (const c of data.charts) expect(c.sql).toBe(lakehouse().chartQuery(c.chart, filter));
  });
});
