-- Revenue by purchase month.
-- grain: one row per purchase month with revenue-bearing orders
-- key: month
-- Batches: incremental: sums and counts per purchase month (subtract the superseded orders,
-- add the new). Today every batch rebuilds it in full from silver (equal to a rebuild by
-- construction).
-- expect: not_null(month, orders, revenue)
-- expect: range(orders; 1; )
-- expect: range(revenue; 0; )
-- expect: sql(month is the first day of a month; SELECT * FROM gold.revenue_monthly WHERE day(month) <> 1)
-- expect: sql(revenue reconciles with gold.order_facts to the cent; SELECT m.total, f.total FROM (SELECT coalesce(sum(revenue), 0) AS total FROM gold.revenue_monthly) AS m, (SELECT coalesce(sum(revenue), 0) AS total FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE m.total <> f.total)
-- expect: sql(orders reconcile with gold.order_facts; SELECT m.n, f.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.revenue_monthly) AS m, (SELECT count(*) AS n FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE m.n <> f.n)
-- DESIGN.md section 6, over revenue-bearing orders of gold.order_facts:
-- month = first day (DATE) of the month of purchased_at; orders = count of orders;
-- revenue = sum of order revenue, DECIMAL(12,2). Months without revenue-bearing orders
-- have no row.
SELECT
  date_trunc('month', purchased_at)::DATE AS month,
  count(*)::INTEGER AS orders,
  sum(revenue)::DECIMAL(12,2) AS revenue
FROM gold.order_facts
WHERE is_revenue_bearing
GROUP BY ALL
