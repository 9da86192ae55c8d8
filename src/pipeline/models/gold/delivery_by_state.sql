-- Delivery performance by customer state.
-- grain: one row per customer_state with at least one non-outlier delivered order
-- key: customer_state
-- Batches: recomputed: median_delivery_days is a median (see delivery_by_month). Today every
-- batch rebuilds it in full from silver (equal to a rebuild by construction).
-- expect: not_null(customer_state, orders, on_time_rate, avg_delivery_days, median_delivery_days)
-- expect: range(orders; 1; )
-- expect: range(on_time_rate; 0; 1)
-- expect: range(avg_delivery_days; 0; 365)
-- expect: range(median_delivery_days; 0; 365)
-- expect: sql(orders add up to the non-outlier deliveries; SELECT s.n, d.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.delivery_by_state) AS s, (SELECT count(*) AS n FROM gold.delivery_performance WHERE NOT is_outlier) AS d WHERE s.n <> d.n)
-- DESIGN.md section 6, over the rows of gold.delivery_performance that are not outliers:
-- orders = count of those orders; on_time_rate = 1 - avg(is_late) (orders without an
-- estimate are left out of the rate); avg_delivery_days = avg(delivery_days);
-- median_delivery_days = median(delivery_days) (interpolated, as quantile_cont 0.5);
-- avg_delay_days = avg(delay_days). customer_state is 'unknown' for orders whose customer
-- is unknown.
SELECT
  customer_state,
  count(*)::INTEGER AS orders,
  1 - avg(is_late::INTEGER) AS on_time_rate,
  avg(delivery_days) AS avg_delivery_days,
  median(delivery_days) AS median_delivery_days,
  avg(delay_days) AS avg_delay_days
FROM gold.delivery_performance
WHERE NOT is_outlier
GROUP BY customer_state
