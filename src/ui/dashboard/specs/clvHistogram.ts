import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(`'CLV R$ ' + datum.range + ': ' + ${num('customers')} + ' customers, ' + format(datum.share, '.1%')`);

/** Customers by predicted 12-month CLV; the last, grey bar holds everyone above the bins. */
export const clvHistogramSpec: TopLevelSpec = {
  ...chartBase,
  transform: [
    { calculate: "format(datum.clv_from, ',') + (datum.is_overflow ? ' or more' : ' to ' + format(datum.clv_to, ','))", as: 'range' },
    described.transform,
  ],
  // Binned in SQL: each bar is a rect from clv_from to clv_to and from zero up; white edges part the bins.
  mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
  encoding: {
    x: { field: 'clv_from', type: 'quantitative', title: 'Predicted 12-month CLV (R$)', axis: { format: ',d' } },
    x2: { field: 'clv_to' },
    y: { field: 'customers', type: 'quantitative', title: 'Customers', axis: { format: '~s' } },
    y2: { datum: 0 },
    color: { condition: { test: 'datum.is_overflow', value: OKABE_ITO.grey }, value: OKABE_ITO.green },
    ...described.encoding,
    tooltip: [
      { field: 'range', type: 'nominal', title: 'CLV (R$)' },
      { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
      { field: 'share', type: 'quantitative', title: 'Share of customers', format: '.1%' },
    ],
  },
};
