import { describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../lakehouse/dashboard/chartId';
import { readEmbedRequest } from './embedParams';

describe('readEmbedRequest', () => {
  it('reads charts by id or in kebab case, in the order given, once each', () => {
    const r = readEmbedRequest('?embed=dashboard&charts=revenue-by-state,revenueMonthly,REVENUE-BY-STATE&data=demo&state=SP&filters=show');
    expect(r).toMatchObject({ kind: 'dashboard', charts: ['revenueByState', 'revenueMonthly'], unknownCharts: [], data: 'demo', showFilters: true, filter: { customerState: 'SP' }, problems: [] });
  });

  it('shows every chart when none are named, and the saved lakehouse when no data is named', () => {
    expect(readEmbedRequest('?embed=dashboard')).toMatchObject({ charts: [...CHART_IDS], data: 'saved', showFilters: false, problems: [] });
  });

  it('lists unknown charts and the names there are', () => {
    const r = readEmbedRequest('?embed=dashboard&charts=revenue-by-state,profit,<img src=x>');
    expect(r.charts).toEqual(['revenueByState']);
    expect(r.unknownCharts).toEqual(['profit', '<img src=x>']);
    expect(r.problems).toEqual([expect.stringMatching(/^Unknown charts: profit, <img src=x>\. The charts are: revenue-by-category, revenue-by-state, .*customer-segments\.$/)]);
  });

  it('takes gold tables only', () => {
    const r = readEmbedRequest('?embed=dashboard&charts=&tables=gold.customer_ltv,rfm,silver.customers,../x');
    expect(r.tables).toEqual(['customer_ltv', 'rfm']);
    expect(r.rejectedTables).toEqual(['silver.customers', '../x']);
    expect(r.problems).toEqual([expect.stringMatching(/^Only gold tables can be embedded: silver\.customers, \.\.\/x are not/)]);
  });

  it('says what is wrong with the kind, the data and an empty list', () => {
    expect(readEmbedRequest('?embed=console&data=remote&filters=yes').problems).toEqual([
      'Unknown embed "console": use embed=dashboard.',
      'Unknown data "remote": use data=demo, or leave it out to use the lakehouse saved in this browser.',
      'Unknown filters "yes": use filters=show to show the select boxes.',
    ]);
    expect(readEmbedRequest('?embed=dashboard&charts=').problems).toEqual([expect.stringMatching(/^Nothing to show/)]);
  });
});
