import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from './chartBase';
import { OKABE_ITO } from './palette';

// _key is the month as text (YYYY-MM-01); Vega-Lite parses `month` itself into a date.
const described = describedAs(`utcFormat(toDate(datum._key), '%B %Y') + ': revenue R$ ' + ${num('revenue', 2)} + ', ' + ${num('orders')} + ' orders'`);

const tooltip = [
  { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month', format: '%B %Y' },
  { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', format: ',.2f' },
  { field: 'orders', type: 'quantitative', title: 'Orders', format: ',' },
] as const;

/**
 * Revenue (bars, left axis) and orders (line, right axis) by purchase month; a month is a
 * month filter. Each axis title has its series' colour, and the two series differ in mark
 * as well as colour.
 */
export const revenueMonthlySpec: TopLevelSpec = {
  ...chartBase,
  transform: [described.transform],
  encoding: {
    x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Purchase month', axis: { format: '%b %Y', labelAngle: -40 } },
  },
  layer: [
    {
      mark: { type: 'bar', color: OKABE_ITO.blue, cursor: 'pointer' },
      encoding: {
        y: { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', axis: { format: '~s', titleColor: OKABE_ITO.blue } },
        ...selectionEncoding,
        ...described.encoding,
        tooltip: [...tooltip],
      },
    },
    {
      // The line repeats the bars' months for screen readers: hidden from them (aria: false).
      mark: { type: 'line', color: OKABE_ITO.orange, strokeWidth: 2, aria: false, point: { filled: true, size: 40, color: OKABE_ITO.orange, cursor: 'pointer', aria: false } },
      encoding: {
        y: { field: 'orders', type: 'quantitative', title: 'Orders', axis: { orient: 'right', titleColor: '#a36f00', format: '~s' } },
        tooltip: [...tooltip],
      },
    },
  ],
  resolve: { scale: { y: 'independent' } },
};
