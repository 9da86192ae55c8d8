-- Customer segments by purchase frequency and average order value.
-- grain: one row per customer_unique_id of gold.customer_ltv
-- key: customer_unique_id
-- Batches: recomputed: the aov_band cut points are quantiles over all customers, so one
-- changed customer can move every band. Today every batch rebuilds it in full from silver
-- (equal to a rebuild by construction).
-- expect: not_null(customer_unique_id, frequency_band, aov_band)
-- expect: accepted_values(frequency_band; one-time, repeat, loyal)
-- expect: accepted_values(aov_band; low, mid, high)
-- expect: sql(one row per customer of gold.customer_ltv; SELECT l.customer_unique_id FROM gold.customer_ltv AS l FULL JOIN gold.customer_segments AS s USING (customer_unique_id) WHERE l.customer_unique_id IS NULL OR s.customer_unique_id IS NULL)
-- Built on gold.customer_ltv, DESIGN.md section 6.
-- frequency_band: 'one-time' (1 order), 'repeat' (2 or 3), 'loyal' (4 or more).
-- aov_band: q33 and q67 are quantile_cont(avg_order_value, 1/3) and (…, 2/3) over all
-- customers of gold.customer_ltv (exactly one third and two thirds, interpolated);
-- 'low' when avg_order_value < q33, 'mid' when q33 <= avg_order_value < q67, 'high' when
-- avg_order_value >= q67.
-- orders and avg_order_value are kept as extra columns.
WITH cuts AS (
  SELECT
    quantile_cont(avg_order_value, 1.0 / 3) AS q33,
    quantile_cont(avg_order_value, 2.0 / 3) AS q67
  FROM gold.customer_ltv
)
SELECT
  l.customer_unique_id,
  CASE WHEN l.orders = 1 THEN 'one-time' WHEN l.orders <= 3 THEN 'repeat' ELSE 'loyal' END AS frequency_band,
  CASE WHEN l.avg_order_value < c.q33 THEN 'low' WHEN l.avg_order_value < c.q67 THEN 'mid' ELSE 'high' END AS aov_band,
  l.orders,
  l.avg_order_value
FROM gold.customer_ltv AS l, cuts AS c
