import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { revenueRows } from '../indexSources';

/**
 * Revenue by where the customers are, under the category and month filters: one point per
 * state and whole-degree cell of the customers' zip-prefix locations (silver.geolocation),
 * at the cell's centre. Orders whose customer has no known location are not on the map.
 * orders are distinct orders, as on the state chart.
 */
export const revenueByLocation: DashboardChart = {
  id: 'revenueByLocation',
  index: {
    name: 'revenue_by_location',
    dimensions: ['category', 'month'],
    groups: ['customer_state', 'lat_cell', 'lng_cell'],
    measures: { revenue: 'sum(revenue)', orders: 'count(DISTINCT order_key)' },
    source: (byCategory) => `SELECT * FROM (${revenueRows(byCategory)}) WHERE lat_cell IS NOT NULL`,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first()}
  customer_state,
  (lat_cell + 0.5)::DOUBLE AS latitude,
  (lng_cell + 0.5)::DOUBLE AS longitude,
  revenue::DOUBLE AS revenue,
  orders::INTEGER AS orders
FROM (${cells})
ORDER BY ${k.first()}revenue DESC, customer_state, lat_cell, lng_cell`;
  },
};
