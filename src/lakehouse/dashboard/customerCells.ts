import type { DashboardFilter } from './dashboardFilter';
import { cellConditions, where } from './orderConditions';
import { revenueLines } from './revenueLines';

/** The columns of a customer cell (see customerCells). */
const CELL_COLUMNS = 'segment, frequency_band, aov_band, clv_bin';

/**
 * The customers with revenue under the filter, counted by cell of their whole-history
 * segment (gold.rfm), frequency_band and aov_band (gold.customer_segments) and clv_bin
 * (gold.customer_ltv), with their revenue under the filter. A customer has one value of
 * each, so is in exactly one cell: sum(customers) over any cells is exact.
 *
 * Without a category the cells are read from dashboard.customer_cube (counted once per
 * state, month, state × month and overall); with one, they are counted from the items.
 * Customers of unknown orders are not in any cell.
 */
export function customerCells(filter: DashboardFilter): string {
  if (filter.category === undefined) {
    const conditions = [
      `c.all_states = ${filter.customerState === undefined}`,
      `c.all_months = ${filter.month === undefined}`,
      ...cellConditions(filter, 'c'),
    ];
    return `SELECT ${CELL_COLUMNS}, c.customers, c.revenue
  FROM dashboard.customer_cube AS c
  ${where(conditions)}`;
  }
  return `SELECT ${CELL_COLUMNS}, count(DISTINCT customer_key) AS customers, sum(revenue) AS revenue
  FROM (${revenueLines(filter)})
  WHERE customer_key IS NOT NULL
  GROUP BY ALL`;
}
