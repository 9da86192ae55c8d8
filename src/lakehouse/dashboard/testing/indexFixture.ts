import { FILTER_DIMENSIONS, type DashboardFilter } from '../dashboardFilter';

/**
 * Row-level dashboard tables made up to stress the chart indexes (chartIndex.test.ts):
 * customers buying in several states and months (distinct counts that do not add up),
 * revenue from a few round values (ties in every ranking), orders without revenue, without
 * a customer or a location, deliveries without an estimate or a delay, a state with orders
 * but no deliveries (EE), orders with two items of one category, a category sold in one month only (rare), and delays beyond the
 * fixed scale (folded into the end bins). Plain SQL, so both engines build the same rows.
 */
export const INDEX_FIXTURE_SQL = `
CREATE SCHEMA IF NOT EXISTS dashboard;
CREATE OR REPLACE TABLE dashboard.scales AS SELECT -5 AS delay_lo, 3 AS delay_hi, 10.0::DOUBLE AS clv_width;
CREATE OR REPLACE TABLE dashboard.orders AS
SELECT
  i::INTEGER AS order_key,
  CASE WHEN i % 17 = 0 THEN NULL ELSE (i % 60)::INTEGER END AS customer_key,
  ['AA', 'BB', 'CC', 'DD', 'EE'][i % 7 % 5 + 1] AS customer_state,
  (DATE '2017-01-01' + INTERVAL (i // 7 % 5) MONTH)::DATE AS month,
  ((i % 3 + 1) * 10.00)::DECIMAL(12,2) AS revenue,
  i % 13 <> 0 AS is_revenue_bearing,
  ['Champions', 'Loyal', 'New', 'Promising', 'Needs attention', 'At risk', 'Hibernating'][i % 60 % 7 + 1] AS segment,
  ['one-time', 'repeat', 'loyal'][i % 60 % 3 + 1] AS frequency_band,
  ['low', 'mid', 'high'][i % 60 // 3 % 3 + 1] AS aov_band,
  (i % 60 % 21)::INTEGER AS clv_bin,
  CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 3 - 20)::SMALLINT END AS lat_cell,
  CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 2 - 45)::SMALLINT END AS lng_cell
FROM range(1, 401) AS t(i);
-- Every revenue-bearing order has 1 to 3 items; its revenue is theirs. The rare category
-- goes to one month's orders only.
CREATE OR REPLACE TABLE dashboard.items AS
WITH lines AS (
  SELECT o.*, j, CASE WHEN o.month = DATE '2017-02-01' AND o.order_key % 4 = 0 AND j = 1 THEN 'rare'
    -- An even order's third item repeats its first one's category.
    ELSE 'cat' || lpad(((o.order_key * 7 + (CASE WHEN j = 3 AND o.order_key % 2 = 0 THEN 1 ELSE j END) * 3) % 15)::VARCHAR, 2, '0') END AS category
  FROM dashboard.orders AS o, range(1, 4) AS t(j)
  WHERE o.is_revenue_bearing AND j <= o.order_key % 3 + 1
)
SELECT order_key, customer_key, customer_state, month, lat_cell, lng_cell, category,
  (revenue / (order_key % 3 + 1))::DECIMAL(12,2) AS revenue, segment, frequency_band, aov_band, clv_bin
FROM lines;
CREATE OR REPLACE TABLE dashboard.deliveries AS
SELECT order_key, customer_state, month,
  CASE WHEN order_key % 9 = 0 THEN NULL ELSE order_key % 4 = 0 END AS is_late,
  CASE WHEN order_key % 19 = 0 THEN NULL ELSE (order_key % 15 - 10)::INTEGER END AS delay_days,
  (order_key % 23 * 0.25)::DOUBLE AS delivery_days
FROM dashboard.orders
WHERE customer_state <> 'EE' AND order_key % 5 <> 1;
`;

/** Values to filter by: ones with rows, ones whose groups are empty somewhere, and ones with none. */
export const FIXTURE_VALUES = {
  customerState: ['AA', 'EE', 'ZZ'],
  category: ['cat03', 'rare', 'none'],
  month: ['2017-02-01', '2017-05-01', '2016-01-01'],
} as const;

/** Every filter the fixture's values make: each dimension unset or one of its values. */
export function everyFilter(): DashboardFilter[] {
  let filters: DashboardFilter[] = [{}];
  for (const dimension of FILTER_DIMENSIONS) {
    filters = filters.flatMap((f) => [f, ...FIXTURE_VALUES[dimension].map((v) => ({ ...f, [dimension]: v }))]);
  }
  return filters;
}
