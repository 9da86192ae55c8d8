import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(`datum.label + ' days vs estimate: ' + ${num('orders')} + ' orders, ' + format(datum.share, '.1%')`);

/**
 * Orders by days delivered after (late, vermillion) or before (blue) the estimated date.
 * Bars are one day wide; the end bins hold the tails (their labels say ≤ / ≥).
 */
export const delayHistogramSpec: TopLevelSpec = {
  ...chartBase,
  transform: [
    { calculate: 'datum.delay_days - 0.5', as: 'from' },
    { calculate: 'datum.delay_days + 0.5', as: 'to' },
    { calculate: "datum.is_late ? 'Late' : 'On time or early'", as: 'status' },
    described.transform,
  ],
  // Binned in SQL: each bar is a rect from `from` to `to` and from zero up, on a linear axis.
  mark: { type: 'rect' },
  encoding: {
    x: { field: 'from', type: 'quantitative', title: 'Delivered vs estimated date (days, > 0 = late)' },
    x2: { field: 'to' },
    y: { field: 'orders', type: 'quantitative', title: 'Orders', axis: { format: '~s' } },
    y2: { datum: 0 },
    color: {
      field: 'status',
      type: 'nominal',
      title: null,
      scale: { domain: ['On time or early', 'Late'], range: [OKABE_ITO.blue, OKABE_ITO.vermillion] },
      legend: { orient: 'top-right' },
    },
    ...described.encoding,
    tooltip: [
      { field: 'label', type: 'nominal', title: 'Days vs estimate' },
      { field: 'orders', type: 'quantitative', title: 'Orders', format: ',' },
      { field: 'share', type: 'quantitative', title: 'Share of orders', format: '.1%' },
      { field: 'status', type: 'nominal', title: 'Status' },
    ],
  },
};
