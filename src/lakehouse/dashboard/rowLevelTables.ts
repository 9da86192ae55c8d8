import { CLV_BINS } from './charts/clvHistogram';
import { ITEM_CATEGORY, ITEMS_WITH_PRODUCTS } from './productCategory';

/** Where the dashboard's working tables live: not a medallion layer, so not in the table list. */
export const DASHBOARD_SCHEMA = 'dashboard';

/**
 * The dashboard's working tables, built in DuckDB from the gold tables after each pipeline
 * run, in two steps:
 *
 * - row level (this file), gold reshaped with small integer keys for orders and customers:
 *   customers (segment, bands, CLV bin), orders and items (each with its order's state,
 *   month and customer, and the customer's segment, bands and CLV bin), deliveries
 *   (non-outlier rows of gold.delivery_performance with the month), and the histograms'
 *   fixed scales. The column definitions are gold's; only the shape changes.
 * - one pre-aggregated index per chart (chartIndex.ts, chartIndexes.ts), keyed by the
 *   filter combinations the chart depends on, built from the row-level tables. Clicks
 *   read only the indexes, so their cost does not grow with the data.
 *
 * (Promoting items to a gold model would remove the copy of the category rule: see
 * productCategory.ts.)
 */
/** Each customer's zip-prefix location, when the geolocation source was loaded. */
const CUSTOMER_LOCATIONS = `SELECT c.customer_id, l.geolocation_lat, l.geolocation_lng
  FROM silver.customers AS c JOIN silver.geolocation AS l ON l.geolocation_zip_code_prefix = c.customer_zip_code_prefix`;
const NO_LOCATIONS = 'SELECT NULL::VARCHAR AS customer_id, NULL::DOUBLE AS geolocation_lat, NULL::DOUBLE AS geolocation_lng WHERE false';

/** The SQL that builds the tables: with customer locations when silver.geolocation exists. */
export const dashboardTablesSql = (withLocations: boolean) => {
  const locations = withLocations ? CUSTOMER_LOCATIONS : NO_LOCATIONS;
  return `
CREATE SCHEMA IF NOT EXISTS ${DASHBOARD_SCHEMA};

-- Fixed axes for the histograms, from all the data, so bins stay put while filters change:
-- the delay tails fold into end bins at the 0.5 % / 99.5 % quantiles; the CLV bin width
-- is a round number (1, 2 or 5 × 10^k) putting the 99th percentile near bin ${CLV_BINS}.
CREATE OR REPLACE TABLE ${DASHBOARD_SCHEMA}.scales AS
WITH delay AS (
  SELECT floor(quantile_cont(delay_days, 0.005))::INTEGER AS delay_lo, ceil(quantile_cont(delay_days, 0.995))::INTEGER AS delay_hi
  FROM gold.delivery_performance
  WHERE NOT is_outlier
),
target AS (
  SELECT greatest(coalesce(quantile_cont(predicted_clv, 0.99), 0), 1) / ${CLV_BINS} AS raw FROM gold.customer_ltv
),
magnitude AS (
  SELECT raw, pow(10, floor(log10(raw))) AS m FROM target
)
SELECT d.delay_lo, d.delay_hi,
  m * CASE WHEN raw <= m THEN 1 WHEN raw <= 2 * m THEN 2 WHEN raw <= 5 * m THEN 5 ELSE 10 END AS clv_width
FROM delay AS d, magnitude;

CREATE OR REPLACE TABLE ${DASHBOARD_SCHEMA}.customers AS
SELECT
  row_number() OVER (ORDER BY l.customer_unique_id)::INTEGER AS customer_key,
  l.customer_unique_id, r.segment, s.frequency_band, s.aov_band, l.predicted_clv, l.revenue,
  least(floor(l.predicted_clv / x.clv_width), ${CLV_BINS})::INTEGER AS clv_bin
FROM gold.customer_ltv AS l
JOIN gold.rfm AS r USING (customer_unique_id)
JOIN gold.customer_segments AS s USING (customer_unique_id),
${DASHBOARD_SCHEMA}.scales AS x;

-- lat_cell / lng_cell: the whole degrees south-west of the customer's zip-prefix location
-- (silver.geolocation), NULL when it has none.
CREATE OR REPLACE TABLE ${DASHBOARD_SCHEMA}.orders AS
SELECT
  row_number() OVER (ORDER BY f.purchased_at, f.order_id)::INTEGER AS order_key,
  f.order_id, c.customer_key, f.customer_state,
  date_trunc('month', f.purchased_at)::DATE AS month,
  f.revenue, f.is_revenue_bearing,
  c.segment, c.frequency_band, c.aov_band, c.clv_bin,
  floor(g.geolocation_lat)::SMALLINT AS lat_cell, floor(g.geolocation_lng)::SMALLINT AS lng_cell
FROM gold.order_facts AS f
LEFT JOIN ${DASHBOARD_SCHEMA}.customers AS c USING (customer_unique_id)
LEFT JOIN (${locations}) AS g USING (customer_id)
ORDER BY order_key;

CREATE OR REPLACE TABLE ${DASHBOARD_SCHEMA}.items AS
SELECT
  o.order_key, o.customer_key, o.customer_state, o.month, o.lat_cell, o.lng_cell,
  ${ITEM_CATEGORY} AS category,
  (i.price + i.freight_value)::DECIMAL(12,2) AS revenue,
  o.segment, o.frequency_band, o.aov_band, o.clv_bin
FROM ${ITEMS_WITH_PRODUCTS}
JOIN ${DASHBOARD_SCHEMA}.orders AS o USING (order_id)
WHERE o.is_revenue_bearing
ORDER BY o.order_key;

CREATE OR REPLACE TABLE ${DASHBOARD_SCHEMA}.deliveries AS
SELECT o.order_key, d.customer_state, o.month, d.is_late, d.delay_days, d.delivery_days
FROM gold.delivery_performance AS d
JOIN ${DASHBOARD_SCHEMA}.orders AS o USING (order_id)
WHERE NOT d.is_outlier
ORDER BY o.order_key;

`;
};

/**
 * Fills in the customer locations of tables built without them (a staged build, which
 * draws the first charts before silver.geolocation is built): the same values the build
 * with locations gives, as an order's location is its customer's.
 */
export const LOCATIONS_SQL = `
UPDATE ${DASHBOARD_SCHEMA}.orders AS o
SET lat_cell = floor(g.geolocation_lat)::SMALLINT, lng_cell = floor(g.geolocation_lng)::SMALLINT
FROM gold.order_facts AS f JOIN (${CUSTOMER_LOCATIONS}) AS g USING (customer_id)
WHERE f.order_id = o.order_id;

UPDATE ${DASHBOARD_SCHEMA}.items AS i
SET lat_cell = o.lat_cell, lng_cell = o.lng_cell
FROM ${DASHBOARD_SCHEMA}.orders AS o
WHERE o.order_key = i.order_key AND (o.lat_cell IS NOT NULL OR o.lng_cell IS NOT NULL);
`;
