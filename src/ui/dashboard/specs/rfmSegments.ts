import type { TopLevelSpec } from 'vega-lite';
import { RFM_SEGMENTS } from '../../../lakehouse/dashboard/charts/rfmSegments';
import { chartBase, describedAs, num } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(
  `datum.segment + ', share of ' + lower(datum.of) + ': ' + format(datum.share, '.1%') + ' (' + ${num('customers')} + ' customers, revenue R$ ' + ${num('revenue', 2)} + ')'`,
);

/**
 * Each RFM segment's share of the customers and of the revenue, side by side: a segment
 * that earns more than its size shows a longer revenue bar.
 */
export const rfmSegmentsSpec: TopLevelSpec = {
  ...chartBase,
  transform: [
    { fold: ['customer_share', 'revenue_share'], as: ['measure', 'share'] },
    { calculate: "datum.measure === 'customer_share' ? 'Customers' : 'Revenue'", as: 'of' },
    described.transform,
  ],
  mark: { type: 'bar' },
  encoding: {
    // A fixed domain: every segment keeps its place, including one without customers (no row).
    y: { field: 'segment', type: 'nominal', scale: { domain: [...RFM_SEGMENTS] }, title: null },
    yOffset: { field: 'of', type: 'nominal', sort: ['Customers', 'Revenue'] },
    x: { field: 'share', type: 'quantitative', title: 'Share (%)', axis: { format: '.0%' } },
    color: { field: 'of', type: 'nominal', title: 'Share of', scale: { domain: ['Customers', 'Revenue'], range: [OKABE_ITO.skyBlue, OKABE_ITO.blue] }, legend: { orient: 'bottom' } },
    ...described.encoding,
    tooltip: [
      { field: 'segment', type: 'nominal', title: 'Segment' },
      { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
      { field: 'customer_share', type: 'quantitative', title: 'Share of customers', format: '.1%' },
      { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', format: ',.2f' },
      { field: 'revenue_share', type: 'quantitative', title: 'Share of revenue', format: '.1%' },
    ],
  },
};
