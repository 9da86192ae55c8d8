import type { DashboardChart } from '../dashboardChart';
import { customerCells } from '../customerCells';

export const FREQUENCY_BANDS = ['one-time', 'repeat', 'loyal'] as const;
export const AOV_BANDS = ['low', 'mid', 'high'] as const;

/**
 * Customers by frequency band × average-order-value band (gold.customer_segments) under
 * the filter, with their share of the customers, bands in the order above. A cell without
 * customers has no row (the chart keeps its place).
 */
export const customerSegments: DashboardChart = {
  id: 'customerSegments',
  sql(filter) {
    const list = (bands: readonly string[]) => `[${bands.map((b) => `'${b}'`).join(', ')}]`;
    return `SELECT
  frequency_band,
  aov_band,
  sum(customers)::INTEGER AS customers,
  (sum(customers) / sum(sum(customers)) OVER ())::DOUBLE AS share
FROM (${customerCells(filter)})
GROUP BY frequency_band, aov_band
ORDER BY list_position(${list(FREQUENCY_BANDS)}, frequency_band), list_position(${list(AOV_BANDS)}, aov_band)`;
  },
};
