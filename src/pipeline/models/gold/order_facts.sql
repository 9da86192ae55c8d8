-- Orders with their customer, timeline, item count and revenue: the base of every gold revenue figure.
-- grain: one row per order of silver.orders
-- key: order_id
-- Batches: incremental by key: one row per order from its own row, customer and items, so a
-- batch rebuilds only the orders it touched: the orders silver.orders merged, the orders of
-- the items silver.order_items merged, and the orders of the customers silver.customers
-- merged (their rows are deleted and selected again by this SELECT, filtered to those orders;
-- anything else it reads changed, or a first run: built whole).
-- incremental: order_id
-- changed silver.orders: SELECT order_id FROM changed.keys
-- changed silver.order_items: SELECT order_id FROM changed.keys
-- changed silver.customers: SELECT order_id FROM silver.orders WHERE customer_id IN (SELECT customer_id FROM changed.keys)
-- expect: not_null(order_id, customer_state, purchased_at, items, revenue, product_revenue, is_revenue_bearing)
-- expect: range(items; 0; )
-- expect: range(revenue; 0; )
-- expect: range(product_revenue; 0; )
-- expect: sql(one row per silver order; SELECT o.order_id FROM silver.orders AS o FULL JOIN gold.order_facts AS f USING (order_id) WHERE o.order_id IS NULL OR f.order_id IS NULL)
-- expect: sql(no fan-out: revenue equals the items of revenue-bearing orders; SELECT f.total, i.total FROM (SELECT coalesce(sum(revenue), 0) AS total FROM gold.order_facts WHERE is_revenue_bearing) AS f, (SELECT coalesce(sum(price + freight_value), 0) AS total FROM silver.order_items WHERE order_id IN (SELECT order_id FROM gold.order_facts WHERE is_revenue_bearing)) AS i WHERE f.total <> i.total)
-- expect: sql(no fan-out: items and revenue of every order match silver.order_items; SELECT f.order_id FROM gold.order_facts AS f LEFT JOIN (SELECT order_id, count(*) AS n, sum(price + freight_value) AS r FROM silver.order_items GROUP BY order_id) AS i USING (order_id) WHERE f.items <> coalesce(i.n, 0) OR f.revenue <> coalesce(i.r, 0))
-- expect: sql(revenue-bearing means not canceled or unavailable and at least one item; SELECT * FROM gold.order_facts WHERE is_revenue_bearing <> coalesce(order_status NOT IN ('canceled', 'unavailable') AND items >= 1, false))
-- expect: sql(every order's customer is known; SELECT * FROM gold.order_facts WHERE customer_unique_id IS NULL) warn
-- Revenue follows DESIGN.md section 6: item revenue = price + freight_value, order revenue
-- = the sum over the order's items. Money is DECIMAL(12,2), exact to the cent, so every
-- total built on this table reconciles to the cent; an order without items has revenue,
-- product_revenue (sum of price) and items 0.
-- is_revenue_bearing: order_status not 'canceled' or 'unavailable' and at least one item.
-- An order whose status is missing is not revenue-bearing: §6's `order_status NOT IN (…)` is
-- not true for NULL in SQL, and this follows it literally.
-- customer_unique_id and customer_state come from silver.customers by customer_id; when
-- the order's customer is not there, customer_unique_id is NULL and customer_state is
-- 'unknown' (also when the customer's state is empty).
-- Timestamps are silver.orders' TIMESTAMPs renamed: purchased_at, approved_at, carrier_at
-- (delivered to the carrier), delivered_at (to the customer), estimated_at.
WITH items AS (
  SELECT
    order_id,
    count(*)::INTEGER AS items,
    sum(price + freight_value) AS revenue,
    sum(price) AS product_revenue
  FROM silver.order_items
  GROUP BY order_id
)
SELECT
  o.order_id,
  o.customer_id,
  c.customer_unique_id,
  coalesce(c.customer_state, 'unknown') AS customer_state,
  o.order_status,
  o.order_purchase_timestamp AS purchased_at,
  o.order_approved_at AS approved_at,
  o.order_delivered_carrier_date AS carrier_at,
  o.order_delivered_customer_date AS delivered_at,
  o.order_estimated_delivery_date AS estimated_at,
  coalesce(i.items, 0)::INTEGER AS items,
  coalesce(i.revenue, 0)::DECIMAL(12,2) AS revenue,
  coalesce(i.product_revenue, 0)::DECIMAL(12,2) AS product_revenue,
  coalesce(o.order_status NOT IN ('canceled', 'unavailable') AND coalesce(i.items, 0) >= 1, false) AS is_revenue_bearing
FROM silver.orders AS o
LEFT JOIN silver.customers AS c USING (customer_id)
LEFT JOIN items AS i USING (order_id)
