-- The revenue totals of the gold tables side by side: they must agree to the cent.
-- grain: one row per revenue figure
-- key: figure
-- Batches: recomputed: a handful of totals over the other gold tables, cheap to read again.
-- Today every batch rebuilds it in full from silver (equal to a rebuild by construction).
-- expect: sql(every revenue total equals gold.order_facts to the cent; SELECT * FROM gold.revenue_reconciliation WHERE revenue_difference <> 0)
-- expect: sql(every order count equals gold.order_facts; SELECT * FROM gold.revenue_reconciliation WHERE orders_difference <> 0)
-- expect: row_count_between(6; 6)
-- DESIGN.md section 6: the totals of gold.revenue_by_category, gold.revenue_by_state and
-- gold.revenue_monthly are equal, and equal gold.customer_ltv's plus the revenue of orders
-- whose customer is unknown. Each figure is compared with the revenue-bearing orders of
-- gold.order_facts, and with the items of silver.order_items of those orders (no fan-out).
-- orders is NULL for revenue_by_category, whose orders add up to more than the orders (an
-- order with items of two categories counts in each) and for the item figure.
-- This model reads every table it checks, so the runner builds it after them.
WITH facts AS (
  SELECT count(*) AS orders, coalesce(sum(revenue), 0) AS revenue
  FROM gold.order_facts
  WHERE is_revenue_bearing
),
figures AS (
  SELECT 1 AS position, 'gold.order_facts (revenue-bearing orders)' AS figure, orders, revenue FROM facts
  UNION ALL
  SELECT 2, 'silver.order_items of revenue-bearing orders', NULL,
    (SELECT coalesce(sum(price + freight_value), 0) FROM silver.order_items
     WHERE order_id IN (SELECT order_id FROM gold.order_facts WHERE is_revenue_bearing))
  UNION ALL
  SELECT 3, 'gold.customer_ltv + orders of unknown customers',
    (SELECT coalesce(sum(orders), 0) FROM gold.customer_ltv)
      + (SELECT count(*) FROM gold.order_facts WHERE is_revenue_bearing AND customer_unique_id IS NULL),
    (SELECT coalesce(sum(revenue), 0) FROM gold.customer_ltv)
      + (SELECT coalesce(sum(revenue), 0) FROM gold.order_facts WHERE is_revenue_bearing AND customer_unique_id IS NULL)
  UNION ALL
  SELECT 4, 'gold.revenue_by_category', NULL, (SELECT coalesce(sum(revenue), 0) FROM gold.revenue_by_category)
  UNION ALL
  SELECT 5, 'gold.revenue_by_state', (SELECT coalesce(sum(orders), 0) FROM gold.revenue_by_state), (SELECT coalesce(sum(revenue), 0) FROM gold.revenue_by_state)
  UNION ALL
  SELECT 6, 'gold.revenue_monthly', (SELECT coalesce(sum(orders), 0) FROM gold.revenue_monthly), (SELECT coalesce(sum(revenue), 0) FROM gold.revenue_monthly)
)
SELECT
  g.figure,
  g.orders::BIGINT AS orders,
  g.revenue::DECIMAL(18,2) AS revenue,
  (g.revenue - f.revenue)::DECIMAL(18,2) AS revenue_difference,
  (g.orders - f.orders)::BIGINT AS orders_difference
FROM figures AS g, facts AS f
ORDER BY g.position
