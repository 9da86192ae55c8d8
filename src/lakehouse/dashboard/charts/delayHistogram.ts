import { UNKEYED, type DashboardChart } from '../dashboardChart';
import { deliveryRows } from '../indexSources';

/**
 * Orders by delivery delay against the estimate (gold.delivery_performance.delay_days, in
 * whole days, positive = late), non-outlier deliveries with an estimate, under the filter.
 * The tails are folded into the end bins (dashboard.scales: the 0.5 % and 99.5 %
 * quantiles of all deliveries), so the bins stay put while the filter changes and a few
 * extreme deliveries do not squeeze the rest into a line. share = the bin's part of the orders.
 */
export const delayHistogram: DashboardChart = {
  id: 'delayHistogram',
  index: {
    name: 'delay_histogram',
    dimensions: ['customerState', 'category', 'month'],
    groups: ['delay_days'],
    measures: { deliveries: 'count(*)' },
    source: (byCategory) => `SELECT d.* REPLACE (greatest(least(d.delay_days, s.delay_hi), s.delay_lo) AS delay_days)
  FROM (${deliveryRows(byCategory)}) AS d, dashboard.scales AS s
  WHERE d.delay_days IS NOT NULL`,
  },
  rows(cells, _filter, k = UNKEYED) {
    return `SELECT ${k.first('c')}
  c.delay_days,
  CASE WHEN c.delay_days = s.delay_lo AND s.delay_lo < 0 THEN '≤ ' || s.delay_lo WHEN c.delay_days = s.delay_hi AND s.delay_hi > 0 THEN '≥ ' || s.delay_hi ELSE c.delay_days::VARCHAR END AS label,
  c.deliveries::INTEGER AS orders,
  (c.deliveries / sum(c.deliveries) OVER (${k.partition('c')}))::DOUBLE AS share,
  c.delay_days > 0 AS is_late
FROM (${cells}) AS c, dashboard.scales AS s
ORDER BY ${k.first('c')}c.delay_days`;
  },
};
