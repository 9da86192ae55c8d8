import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(`datum.label + ': revenue R$ ' + ${num('revenue', 2)} + ', ' + ${num('orders')} + ' orders, ' + ${num('items')} + ' items'`);

/** The top categories by revenue and one grey bar for the rest; a category bar is a category filter. */
export const revenueByCategorySpec: TopLevelSpec = {
  ...chartBase,
  transform: [described.transform],
  height: 300,
  mark: { type: 'bar', cursor: 'pointer' },
  encoding: {
    y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 180 } },
    x: { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', axis: { format: '~s' } },
    color: { condition: { test: 'datum.category === null', value: OKABE_ITO.grey }, value: OKABE_ITO.blue },
    ...selectionEncoding,
    ...described.encoding,
    tooltip: [
      { field: 'label', type: 'nominal', title: 'Category' },
      { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', format: ',.2f' },
      { field: 'orders', type: 'quantitative', title: 'Orders', format: ',' },
      { field: 'items', type: 'quantitative', title: 'Items', format: ',' },
    ],
  },
};
