-- Delivery performance by seller state.
-- grain: one row per seller_state with at least one non-outlier delivered order
-- key: seller_state
-- Batches: recomputed: median_delivery_days is a median (see delivery_by_month). Today every
-- batch rebuilds it in full from silver (equal to a rebuild by construction).
-- expect: not_null(seller_state, orders, on_time_rate, avg_delivery_days, median_delivery_days)
-- expect: range(orders; 1; )
-- expect: range(on_time_rate; 0; 1)
-- expect: range(avg_delivery_days; 0; 365)
-- expect: range(median_delivery_days; 0; 365)
-- expect: sql(an order counts at most once per seller state; SELECT s.n, d.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.delivery_by_seller_state) AS s, (SELECT count(DISTINCT (d.order_id, coalesce(v.seller_state, 'unknown'))) AS n FROM gold.delivery_performance AS d JOIN silver.order_items AS i USING (order_id) LEFT JOIN silver.sellers AS v USING (seller_id) WHERE NOT d.is_outlier) AS d WHERE s.n <> d.n)
-- The measures of gold.delivery_by_state (same definitions, non-outlier rows of
-- gold.delivery_performance), grouped by the state of the order's sellers.
-- An order can have items from several sellers: it counts once in each distinct seller
-- state among its items (one row per (order, seller_state) feeds the aggregate), so an
-- order shipped from SP and RJ counts in both and the orders column can add up to more
-- than the number of delivered orders. seller_state is 'unknown' when an item's seller is
-- missing from silver.sellers. Delivered orders without items have no seller and are
-- left out.
WITH order_seller_states AS (
  SELECT DISTINCT i.order_id, coalesce(s.seller_state, 'unknown') AS seller_state
  FROM silver.order_items AS i
  LEFT JOIN silver.sellers AS s USING (seller_id)
)
SELECT
  o.seller_state,
  count(*)::INTEGER AS orders,
  1 - avg(d.is_late::INTEGER) AS on_time_rate,
  avg(d.delivery_days) AS avg_delivery_days,
  median(d.delivery_days) AS median_delivery_days,
  avg(d.delay_days) AS avg_delay_days
FROM gold.delivery_performance AS d
JOIN order_seller_states AS o USING (order_id)
WHERE NOT d.is_outlier
GROUP BY o.seller_state
