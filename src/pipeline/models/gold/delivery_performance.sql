-- Delivery times of delivered orders against the estimate, with outliers flagged.
-- grain: one row per order with status delivered and a delivery date
-- key: order_id
-- Batches: incremental by key: one row per order from that order's own row of
-- gold.order_facts, so a batch rebuilds only the orders gold.order_facts rebuilt.
-- incremental: order_id
-- changed gold.order_facts: SELECT order_id FROM changed.keys
-- expect: not_null(order_id, customer_state, purchased_at, delivered_at, delivery_days, is_outlier)
-- expect: not_null(estimated_at, is_late) warn
-- expect: sql(outliers are flagged, not dropped; SELECT * FROM gold.delivery_performance WHERE NOT is_outlier AND (delivery_days < 0 OR delivery_days > 365))
-- expect: sql(every delivered order with a delivery date is here; SELECT f.order_id FROM gold.order_facts AS f ANTI JOIN gold.delivery_performance AS d USING (order_id) WHERE f.order_status = 'delivered' AND f.delivered_at IS NOT NULL)
-- expect: sql(few outliers; SELECT count(*) FILTER (WHERE is_outlier) AS outliers, count(*) AS orders FROM gold.delivery_performance HAVING count(*) FILTER (WHERE is_outlier) > 0.05 * count(*)) warn
-- DESIGN.md section 6, from gold.order_facts (order_status = 'delivered' and delivered_at
-- not NULL; customer_state 'unknown' when the order's customer is unknown):
-- delivery_days = epoch(delivered_at - purchased_at) / 86400 (DOUBLE, fractional days);
-- estimated_days = epoch(estimated_at - purchased_at) / 86400;
-- delay_days = date_diff('day', estimated_at::DATE, delivered_at::DATE) (INTEGER,
-- positive = late); is_late = delivered_at::DATE > estimated_at::DATE.
-- is_outlier when delivered_at < purchased_at, approved_at < purchased_at,
-- carrier_at < purchased_at, or delivery_days > 365. A comparison with a missing
-- timestamp does not make an outlier (a missing approval date is not before the purchase).
-- Outliers stay here, flagged; the delivery_by_* aggregates leave them out.
-- When the estimate is missing, estimated_days, delay_days and is_late are NULL.
WITH delivered AS (
  SELECT
    order_id,
    customer_state,
    purchased_at,
    approved_at,
    carrier_at,
    delivered_at,
    estimated_at,
    epoch(delivered_at - purchased_at) / 86400 AS delivery_days
  FROM gold.order_facts
  WHERE order_status = 'delivered' AND delivered_at IS NOT NULL
)
SELECT
  order_id,
  customer_state,
  purchased_at,
  delivered_at,
  estimated_at,
  delivery_days,
  epoch(estimated_at - purchased_at) / 86400 AS estimated_days,
  date_diff('day', estimated_at::DATE, delivered_at::DATE)::INTEGER AS delay_days,
  delivered_at::DATE > estimated_at::DATE AS is_late,
  (
    delivered_at < purchased_at
    OR coalesce(approved_at < purchased_at, false)
    OR coalesce(carrier_at < purchased_at, false)
    OR delivery_days > 365
  ) AS is_outlier
FROM delivered
