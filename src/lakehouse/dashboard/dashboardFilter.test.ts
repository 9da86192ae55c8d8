import { describe, expect, it } from 'vitest';
import { CHART_IDS } from './chartId';
import { chartQuery } from './dashboardCharts';
import { validateFilter, withoutDimension } from './dashboardFilter';

describe('validateFilter', () => {
  it('keeps set values and drops empty ones', () => {
    expect(validateFilter({ customerState: 'SP', category: '', month: undefined })).toEqual({ customerState: 'SP' });
  });

  it.each(['2017-01-01', '2018-12-01'])('accepts the month %s', (month) => {
    expect(validateFilter({ month })).toEqual({ month });
  });

  it.each(['2017-1-01', '2017-01-02', '2017-13-01', '2017-00-01', '201701', "2017-01-01' OR '1'='1", '2017-01-01\n'])('rejects the month %j', (month) => {
    expect(() => validateFilter({ month })).toThrow(/YYYY-MM-01/);
  });

  it('rejects values that are not text, as a filter from a URL or a message could be', () => {
    expect(() => validateFilter({ customerState: 5 as unknown as string })).toThrow(/must be text/);
    expect(() => validateFilter({ category: 'x'.repeat(201) })).toThrow(/longer than/);
  });
});

describe('withoutDimension', () => {
  it('drops only the named dimension', () => {
    expect(withoutDimension({ customerState: 'SP', month: '2017-01-01' }, 'customerState')).toEqual({ month: '2017-01-01' });
    expect(withoutDimension({ customerState: 'SP' }, undefined)).toEqual({ customerState: 'SP' });
  });
});

describe('chartQuery', () => {
  const hostile = { customerState: "SP' OR '1'='1", category: "x'); DROP TABLE gold.rfm; --" };

  it.each(CHART_IDS)('%s quotes every filter value it uses as a SQL literal', (chart) => {
    const sql = chartQuery(chart, hostile);
    // Each value appears only inside a literal, its quotes doubled.
    for (const value of Object.values(hostile)) {
      const quoted = `'${value.replaceAll("'", "''")}'`;
      expect(sql.split(value.replaceAll("'", "''")).length - 1, `${chart}: every use of ${value} is quoted`).toBe(sql.split(quoted).length - 1);
      expect(sql).not.toContain(value);
    }
  });

  it('applies every part of the filter to a chart with no dimension of its own', () => {
    const sql = chartQuery('rfmSegments', { customerState: 'SP', category: 'toys', month: '2017-03-01' });
    expect(sql).toContain("i.customer_state = 'SP'");
    expect(sql).toContain("= 'toys'");
    expect(sql).toContain("DATE '2017-03-01'");
  });

  it('leaves out the dimension a chart is drawn along', () => {
    expect(chartQuery('revenueByState', { customerState: 'SP' })).not.toContain("'SP'");
    expect(chartQuery('revenueMonthly', { month: '2017-03-01' })).not.toContain('2017-03-01');
  });

  it('refuses a bad month and an unknown chart', () => {
    expect(() => chartQuery('revenueByState', { month: '2017-03' })).toThrow(/YYYY-MM-01/);
    expect(() => chartQuery('nope' as never, {})).toThrow(/no dashboard chart/);
  });
});
