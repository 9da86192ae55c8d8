import type { DashboardFilter } from './dashboardFilter';
import { revenueLines } from './revenueLines';

/**
 * The filter as conditions on a customer-grained gold table aliased `alias`: the
 * customers with revenue under the filter (an order in the state or month, an item of the
 * category). Their measures stay the whole-history ones of gold.customer_ltv / gold.rfm.
 */
export function customerConditions(filter: DashboardFilter, alias: string): string[] {
  if (Object.keys(filter).length === 0) return [];
  return [`${alias}.customer_unique_id IN (SELECT customer_unique_id FROM (${revenueLines(filter)}) WHERE customer_unique_id IS NOT NULL)`];
}
