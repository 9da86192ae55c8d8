import type { DashboardChart } from '../dashboardChart';
import { customerConditions } from '../customerConditions';
import { where } from '../orderConditions';

export const FREQUENCY_BANDS = ['one-time', 'repeat', 'loyal'] as const;
export const AOV_BANDS = ['low', 'mid', 'high'] as const;

/**
 * Customers by frequency band × average-order-value band (gold.customer_segments) under
 * the filter: every one of the nine cells, zero when empty, with its share of the
 * customers and their mean average order value.
 */
export const customerSegments: DashboardChart = {
  id: 'customerSegments',
  sql(filter) {
    const values = (bands: readonly string[]) => bands.map((b, i) => `('${b}', ${i + 1})`).join(', ');
    return `WITH frequency(frequency_band, f_position) AS (VALUES ${values(FREQUENCY_BANDS)}),
aov(aov_band, a_position) AS (VALUES ${values(AOV_BANDS)}),
measured AS (
  SELECT s.frequency_band, s.aov_band, count(*) AS customers, avg(s.avg_order_value) AS avg_order_value
  FROM gold.customer_segments AS s
  ${where(customerConditions(filter, 's'))}
  GROUP BY ALL
)
SELECT
  f.frequency_band,
  a.aov_band,
  coalesce(m.customers, 0)::INTEGER AS customers,
  coalesce(m.customers / sum(m.customers) OVER (), 0)::DOUBLE AS share,
  m.avg_order_value::DOUBLE AS avg_order_value
FROM frequency AS f
CROSS JOIN aov AS a
LEFT JOIN measured AS m USING (frequency_band, aov_band)
ORDER BY f.f_position, a.a_position`;
  },
};
