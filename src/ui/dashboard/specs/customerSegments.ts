import type { TopLevelSpec } from 'vega-lite';
import { AOV_BANDS, FREQUENCY_BANDS } from '../../../lakehouse/dashboard/charts/customerSegments';
import { chartBase, describedAs, num } from './chartBase';

const cell = {
  // Fixed domains: every cell keeps its place, including one without customers (no row).
  x: { field: 'aov_band', type: 'nominal' as const, scale: { domain: [...AOV_BANDS] }, title: 'Average order value band', axis: { labelAngle: 0 } },
  y: { field: 'frequency_band', type: 'nominal' as const, scale: { domain: [...FREQUENCY_BANDS] }, title: 'Purchase frequency' },
};

const described = describedAs(`datum.frequency_band + ' customers, ' + datum.aov_band + ' order value: ' + ${num('customers')} + ' customers, ' + format(datum.share, '.1%')`);

/**
 * Customers by frequency band × average-order-value band. Counts span orders of magnitude
 * (most customers buy once), so the colour scale is symlog; every cell also prints its
 * count. A cell without customers stays empty.
 */
export const customerSegmentsSpec: TopLevelSpec = {
  ...chartBase,
  transform: [{ joinaggregate: [{ op: 'max', field: 'customers', as: 'most' }] }, described.transform],
  encoding: { ...cell },
  layer: [
    {
      mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
      encoding: {
        ...described.encoding,
        color: { field: 'customers', type: 'quantitative', title: 'Customers', scale: { type: 'symlog', scheme: 'blues' }, legend: { format: ',.0f' } },
        tooltip: [
          { field: 'frequency_band', type: 'nominal', title: 'Frequency' },
          { field: 'aov_band', type: 'nominal', title: 'Order value' },
          { field: 'customers', type: 'quantitative', title: 'Customers', format: ',' },
          { field: 'share', type: 'quantitative', title: 'Share of customers', format: '.1%' },
        ],
      },
    },
    {
      // The counts repeat the cells' descriptions: hidden from screen readers (aria: false).
      mark: { type: 'text', fontSize: 13, fontWeight: 600, aria: false },
      encoding: {
        text: { field: 'customers', type: 'quantitative', format: ',' },
        color: { condition: { test: 'datum.customers > 0.3 * datum.most', value: 'white' }, value: '#1d2733' },
      },
    },
  ],
};
