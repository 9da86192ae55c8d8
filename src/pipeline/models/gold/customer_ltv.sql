-- Customer lifetime value: what each person has bought, and a 12-month prediction.
-- grain: one row per customer_unique_id with at least one revenue-bearing order
-- key: customer_unique_id
-- Batches: incremental by key: a customer's row depends only on that customer's orders and on
-- the reference date, so a batch rebuilds the customers of the orders gold.order_facts rebuilt,
-- as they are now and as they were (`changed.removed`: an order that moved to another customer
-- or was deleted), and every customer when the reference date moved (kept in reference_date).
-- incremental: customer_unique_id
-- changed gold.order_facts: SELECT customer_unique_id FROM gold.order_facts WHERE order_id IN (SELECT order_id FROM changed.keys) UNION ALL SELECT customer_unique_id FROM changed.removed
-- changed silver.orders: SELECT customer_unique_id FROM gold.customer_ltv WHERE reference_date IS DISTINCT FROM (SELECT max(order_purchase_timestamp)::DATE + 1 FROM silver.orders)
-- expect: not_null(customer_unique_id, orders, revenue, avg_order_value, first_purchase_at, last_purchase_at, lifespan_days, predicted_clv)
-- expect: range(orders; 1; )
-- expect: range(revenue; 0; )
-- expect: range(lifespan_days; 0; )
-- expect: range(predicted_clv; 0; )
-- expect: sql(revenue reconciles with gold.order_facts: customers plus orders of unknown customers; SELECT l.total, f.total FROM (SELECT coalesce(sum(revenue), 0) AS total FROM gold.customer_ltv) AS l, (SELECT coalesce(sum(revenue) FILTER (WHERE customer_unique_id IS NOT NULL), 0) AS total FROM gold.order_facts WHERE is_revenue_bearing) AS f WHERE l.total <> f.total)
-- expect: sql(orders reconcile with gold.order_facts; SELECT l.n, f.n FROM (SELECT coalesce(sum(orders), 0) AS n FROM gold.customer_ltv) AS l, (SELECT count(*) AS n FROM gold.order_facts WHERE is_revenue_bearing AND customer_unique_id IS NOT NULL) AS f WHERE l.n <> f.n)
-- Customers are people: orders are grouped by customer_unique_id (an Olist customer_id is
-- per order). Only revenue-bearing orders count (gold.order_facts.is_revenue_bearing);
-- orders whose customer is unknown have no customer_unique_id and are left out (their
-- revenue is in gold.revenue_by_state under 'unknown').
-- orders = number of revenue-bearing orders; revenue = sum of their revenue (price +
-- freight_value of their items), DECIMAL(12,2); avg_order_value = revenue / orders
-- (DOUBLE, not rounded); first_purchase_at / last_purchase_at = min / max purchase
-- timestamp of those orders; lifespan_days = date_diff('day', first_purchase_at,
-- last_purchase_at), calendar days between the two purchases.
-- predicted_clv (DOUBLE, rounded to cents) is the value expected over the next 12 months,
-- assuming the customer keeps buying at the rate observed since the first purchase:
--   reference_date      = max(order_purchase_timestamp over all orders)::DATE + 1 day (as gold.rfm)
--   tenure_days         = date_diff('day', first_purchase_at::DATE, reference_date)
--   expected_orders_12m = least(orders * 365 / greatest(tenure_days, 365), 12)
--   predicted_clv       = avg_order_value * expected_orders_12m
-- Tenure is floored at one year so that a customer first seen last week is not
-- extrapolated from a few days (a new customer is predicted to repeat their orders once
-- in the year), and the rate is capped at 12 orders a year. expected_orders_12m and
-- reference_date (DATE) are kept as extra columns.
WITH reference AS (
  SELECT max(order_purchase_timestamp)::DATE + 1 AS reference_date FROM silver.orders
),
customers AS (
  SELECT
    customer_unique_id,
    count(*)::INTEGER AS orders,
    sum(revenue)::DECIMAL(12,2) AS revenue,
    min(purchased_at) AS first_purchase_at,
    max(purchased_at) AS last_purchase_at
  FROM gold.order_facts
  WHERE is_revenue_bearing AND customer_unique_id IS NOT NULL
  GROUP BY customer_unique_id
),
measured AS (
  SELECT
    c.*,
    c.revenue::DOUBLE / c.orders AS avg_order_value,
    date_diff('day', c.first_purchase_at, c.last_purchase_at)::INTEGER AS lifespan_days,
    least(c.orders * 365.0 / greatest(date_diff('day', c.first_purchase_at::DATE, r.reference_date), 365), 12)::DOUBLE AS expected_orders_12m,
    r.reference_date
  FROM customers AS c, reference AS r
)
SELECT
  customer_unique_id,
  orders,
  revenue,
  avg_order_value,
  first_purchase_at,
  last_purchase_at,
  lifespan_days,
  round(avg_order_value * expected_orders_12m, 2) AS predicted_clv,
  expected_orders_12m,
  reference_date
FROM measured
