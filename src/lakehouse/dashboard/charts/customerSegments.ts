import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { customerRows } from '../indexSources';

export const FREQUENCY_BANDS = ['one-time', 'repeat', 'loyal'] as const;
export const AOV_BANDS = ['low', 'mid', 'high'] as const;

/**
 * Customers by frequency band × average-order-value band (gold.customer_segments) under
 * the filter, with their share of the customers, bands in the order above. A cell without
 * customers has no row (the chart keeps its place).
 */
export const customerSegments: DashboardChart = {
  id: 'customerSegments',
  index: {
    name: 'customer_segments',
    dimensions: ['customerState', 'category', 'month'],
    groups: ['frequency_band', 'aov_band'],
    measures: { customers: 'count(DISTINCT customer_key)' },
    source: customerRows,
  },
  rows(cells, _filter, k = UNKEYED) {
    const list = (bands: readonly string[]) => `[${bands.map((b) => `'${b}'`).join(', ')}]`;
    return `SELECT ${k.first()}
  frequency_band,
  aov_band,
  customers::INTEGER AS customers,
  (customers / sum(customers) OVER (${k.partition()}))::DOUBLE AS share
FROM (${cells})
ORDER BY ${k.first()}list_position(${list(FREQUENCY_BANDS)}, frequency_band), list_position(${list(AOV_BANDS)}, aov_band)`;
  },
};
