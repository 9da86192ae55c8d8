import type { DashboardFilter } from './dashboardFilter';
import { cellConditions, orderConditions, where } from './orderConditions';

/**
 * The non-outlier deliveries under a filter by state × month × delay_days cell, with the
 * parts of gold.delivery_by_state's averages (deliveries, rated, late, delivery_days_sum).
 * Without a category, straight from dashboard.delivery_cube; with one, aggregated the
 * same way from the deliveries of orders with an item of the category.
 */
export function deliveryCells(filter: DashboardFilter): string {
  if (filter.category === undefined) {
    return `SELECT d.customer_state, d.month, d.delay_days, d.deliveries, d.rated, d.late, d.delivery_days_sum
  FROM dashboard.delivery_cube AS d
  ${where(cellConditions(filter, 'd'))}`;
  }
  return `SELECT d.customer_state, d.month, d.delay_days,
    count(*) AS deliveries, count(d.is_late) AS rated, count(*) FILTER (WHERE d.is_late) AS late, sum(d.delivery_days) AS delivery_days_sum
  FROM dashboard.deliveries AS d
  ${where(orderConditions(filter, 'd'))}
  GROUP BY ALL`;
}
