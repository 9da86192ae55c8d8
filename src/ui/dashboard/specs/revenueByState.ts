import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(`datum.customer_state + ': revenue R$ ' + ${num('revenue', 2)} + ', ' + ${num('orders')} + ' orders, ' + ${num('customers')} + ' customers'`);

/** Revenue by customer state, largest first; a bar is a state filter. */
export const revenueByStateSpec: TopLevelSpec = {
  ...chartBase,
  transform: [described.transform],
  mark: { type: 'bar', color: OKABE_ITO.blue, cursor: 'pointer' },
  encoding: {
    x: { field: 'customer_state', type: 'nominal', sort: null, title: 'Customer state', axis: { labelAngle: 0, labelOverlap: 'parity' } },
    y: { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', axis: { format: '~s' } },
    ...selectionEncoding,
    ...described.encoding,
    tooltip: [
      { field: 'customer_state', type: 'nominal', title: 'State' },
      { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', format: ',.2f' },
      { field: 'orders', type: 'quantitative', title: 'Orders', format: ',' },
      { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
    ],
  },
};
