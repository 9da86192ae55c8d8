import { quoteLiteral } from '../../../engine/sql';
import { CHART_DIMENSIONS } from '../chartId';
import type { DashboardChart } from '../dashboardChart';
import { withoutDimension, type DashboardFilter } from '../dashboardFilter';
import { cellConditions, where } from '../orderConditions';

/**
 * Revenue by where the customers are, under the category and month filters: one point per
 * state and whole-degree cell of the customers' zip-prefix locations (silver.geolocation),
 * at the cell's centre. Orders whose customer has no known location are not on the map.
 * orders are distinct orders, as on the state chart.
 */
export const revenueByLocation: DashboardChart = {
  id: 'revenueByLocation',
  sql(filter) {
    return `SELECT
  customer_state,
  (lat_cell + 0.5)::DOUBLE AS latitude,
  (lng_cell + 0.5)::DOUBLE AS longitude,
  sum(revenue)::DOUBLE AS revenue,
  sum(orders)::INTEGER AS orders
FROM (${locationCells(withoutDimension(filter, CHART_DIMENSIONS.revenueByLocation))})
GROUP BY customer_state, lat_cell, lng_cell
ORDER BY sum(revenue) DESC, customer_state, lat_cell, lng_cell`;
  },
};

/** Revenue and orders by state × month × cell: the cube without a category, the items with one. */
function locationCells(filter: DashboardFilter): string {
  const conditions = cellConditions(filter, 'c');
  if (filter.category === undefined) {
    return `SELECT c.customer_state, c.lat_cell, c.lng_cell, c.revenue, c.orders
  FROM dashboard.location_cube AS c
  ${where(conditions)}`;
  }
  return `SELECT c.customer_state, c.lat_cell, c.lng_cell, sum(c.revenue) AS revenue, count(DISTINCT c.order_key) AS orders
  FROM dashboard.items AS c
  ${where([...conditions, 'c.lat_cell IS NOT NULL', `c.category = ${quoteLiteral(filter.category)}`])}
  GROUP BY ALL`;
}
