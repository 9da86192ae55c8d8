import type { DashboardFilter } from './dashboardFilter';
import { revenueLines } from './revenueLines';

/**
 * The customers with revenue under the filter, as rows with customer_key, segment,
 * frequency_band, aov_band, clv_bin (their whole-history values from
 * gold.rfm, gold.customer_segments and gold.customer_ltv) and revenue. Count customers
 * with count(DISTINCT customer_key): filtered, there is a row per order or item, and
 * revenue is the revenue under the filter; unfiltered, a row per customer of
 * gold.customer_ltv with all their revenue.
 */
export function customerLines(filter: DashboardFilter): string {
  if (Object.keys(filter).length === 0) {
    return 'SELECT customer_key, segment, frequency_band, aov_band, clv_bin, revenue FROM dashboard.customers';
  }
  return `SELECT customer_key, segment, frequency_band, aov_band, clv_bin, revenue
  FROM (${revenueLines(filter)})
  WHERE customer_key IS NOT NULL`;
}
