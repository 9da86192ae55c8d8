-- Revenue by customer state.
-- grain: one row per customer_state with revenue-bearing orders
-- key: customer_state
-- Batches: incremental: sums and counts per state; `customers` counts distinct people, kept as
-- a per-state set. Today every batch rebuilds it in full from silver (equal to a rebuild by
-- construction).
-- expect: not_null(customer_state, orders, customers, revenue)
-- expect: range(orders; 1; )
-- expect: range(customers; 0; )
-- expect: range(revenue; 0; )
-- expect: sql(revenue reconciles with gold.order_facts to the cent; SELECT s.total, f.total FROM (SELECT coalesce(sum(revenue), 0) AS total FROM gold.revenue_by_state) AS s, (SELECT coalesce(sum(revenue), 0) AS total FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE s.total <> f.total)
-- expect: sql(orders reconcile with gold.order_facts; SELECT s.n, f.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.revenue_by_state) AS s, (SELECT count(*) AS n FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE s.n <> f.n)
-- DESIGN.md section 6, over revenue-bearing orders of gold.order_facts:
-- customer_state is the state of the order's customer, 'unknown' when the customer is
-- missing from silver.customers; orders = count of orders; customers = count of distinct
-- customer_unique_id (0 for 'unknown', whose orders have none; a person who ordered
-- to two states counts in both); revenue = sum of order revenue, DECIMAL(12,2).
SELECT
  customer_state,
  count(*)::INTEGER AS orders,
  count(DISTINCT customer_unique_id)::INTEGER AS customers,
  sum(revenue)::DECIMAL(12,2) AS revenue
FROM gold.order_facts
WHERE is_revenue_bearing
GROUP BY customer_state
