-- Delivery performance by purchase month.
-- grain: one row per purchase month with at least one non-outlier delivered order
-- key: month
-- Batches: recomputed: median_delivery_days is a median, which a batch cannot update from the
-- old figure (the counts and averages alone could be kept as sums and counts per month). Today
-- every batch rebuilds it in full from silver (equal to a rebuild by construction).
-- expect: not_null(month, orders, on_time_rate, avg_delivery_days, median_delivery_days)
-- expect: range(orders; 1; )
-- expect: range(on_time_rate; 0; 1)
-- expect: range(avg_delivery_days; 0; 365)
-- expect: range(median_delivery_days; 0; 365)
-- expect: sql(month is the first day of a month; SELECT * FROM gold.delivery_by_month WHERE day(month) <> 1)
-- expect: sql(orders add up to the non-outlier deliveries; SELECT s.n, d.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.delivery_by_month) AS s, (SELECT count(*) AS n FROM gold.delivery_performance WHERE NOT is_outlier) AS d WHERE s.n <> d.n)
-- The measures of gold.delivery_by_state (same definitions, non-outlier rows of
-- gold.delivery_performance), grouped by month = the first day (DATE) of the month of
-- purchased_at.
SELECT
  date_trunc('month', purchased_at)::DATE AS month,
  count(*)::INTEGER AS orders,
  1 - avg(is_late::INTEGER) AS on_time_rate,
  avg(delivery_days) AS avg_delivery_days,
  median(delivery_days) AS median_delivery_days,
  avg(delay_days) AS avg_delay_days
FROM gold.delivery_performance
WHERE NOT is_outlier
GROUP BY ALL
