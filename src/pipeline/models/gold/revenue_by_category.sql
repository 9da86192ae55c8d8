-- Revenue by product category (English name).
-- grain: one row per category with revenue-bearing orders
-- key: category
-- Batches: incremental: sums and counts per category (subtract the superseded orders' items,
-- add the new); `orders` counts distinct orders, kept as a per-category set of orders. Today
-- every batch rebuilds it in full from silver (equal to a rebuild by construction).
-- expect: not_null(category, orders, items, revenue, product_revenue)
-- expect: range(orders; 1; )
-- expect: range(items; 1; )
-- expect: range(revenue; 0; )
-- expect: sql(revenue reconciles with gold.order_facts to the cent; SELECT c.total, f.total FROM (SELECT coalesce(sum(revenue), 0) AS total FROM gold.revenue_by_category) AS c, (SELECT coalesce(sum(revenue), 0) AS total FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE c.total <> f.total)
-- expect: sql(items reconcile with gold.order_facts; SELECT c.n, f.n FROM (SELECT coalesce(sum(items), 0) AS n FROM gold.revenue_by_category) AS c, (SELECT coalesce(sum(items), 0) AS n FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE c.n <> f.n)
-- DESIGN.md section 6, over the items of revenue-bearing orders (gold.order_facts):
-- category = silver.products.product_category_name_english: the English name from the
-- translation table, the Portuguese name when there is no translation, 'unknown' when the
-- product has no category; also 'unknown' when the item's product is missing from
-- silver.products. orders = distinct orders with an item of the category: an order with
-- items of two categories counts as an order in each, so orders add up to more than the
-- number of orders; items = count of items; revenue = sum(price + freight_value);
-- product_revenue = sum(price). Money is DECIMAL(12,2); revenue and items add up exactly
-- to gold.order_facts.
SELECT
  coalesce(p.product_category_name_english, 'unknown') AS category,
  count(DISTINCT i.order_id)::INTEGER AS orders,
  count(*)::INTEGER AS items,
  sum(i.price + i.freight_value)::DECIMAL(12,2) AS revenue,
  sum(i.price)::DECIMAL(12,2) AS product_revenue
FROM silver.order_items AS i
JOIN gold.order_facts AS f USING (order_id)
LEFT JOIN silver.products AS p USING (product_id)
WHERE f.is_revenue_bearing
GROUP BY ALL
