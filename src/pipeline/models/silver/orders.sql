-- Orders, typed: status and the five timestamps of the order's life.
-- grain: one row per order
-- key: order_id
-- expect: not_null(order_id, customer_id, order_purchase_timestamp)
-- expect: not_null(order_status) warn
-- expect: accepted_values(order_status; created, approved, invoiced, processing, shipped, delivered, canceled, unavailable) warn
-- expect: relationships(customer_id; silver.customers.customer_id) warn
-- expect: sql(delivered orders have a delivery date; SELECT * FROM silver.orders WHERE order_status = 'delivered' AND order_delivered_customer_date IS NULL) warn
-- expect: sql(timestamps follow the purchase; SELECT * FROM silver.orders WHERE order_approved_at < order_purchase_timestamp OR order_delivered_carrier_date < order_purchase_timestamp OR order_delivered_customer_date < order_purchase_timestamp) warn
-- Timestamps are TIMESTAMP without time zone, the source's wall-clock time; an empty one
-- is NULL. order_status is trimmed and lower-case.
-- Hard rules (quarantine): order_id or customer_id missing; order_purchase_timestamp
-- missing or not a timestamp; any other timestamp present but not a timestamp.
-- Anomalies such as a delivery before the purchase are not hard rules: the rows stay here
-- (the warn expectations above count them) and gold.delivery_performance flags them.
-- Batches (src/pipeline/mergeBatches.ts): one row per order_id, the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the order_id.
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- An order moving from shipped to delivered arrives as a later row (or 'u' record) of the
-- same order_id. The order's own timestamps are not used to order versions (order_status
-- has none of its own): the batch order is the truth.
WITH raw AS (
  SELECT
    NULLIF(quick_trim(order_id::VARCHAR), '') AS order_id,
    NULLIF(quick_trim(customer_id::VARCHAR), '') AS customer_id,
    NULLIF(lower(quick_trim(order_status::VARCHAR)), '') AS order_status,
    NULLIF(quick_trim(order_purchase_timestamp::VARCHAR), '') AS purchase_text,
    NULLIF(quick_trim(order_approved_at::VARCHAR), '') AS approved_text,
    NULLIF(quick_trim(order_delivered_carrier_date::VARCHAR), '') AS carrier_text,
    NULLIF(quick_trim(order_delivered_customer_date::VARCHAR), '') AS delivered_text,
    NULLIF(quick_trim(order_estimated_delivery_date::VARCHAR), '') AS estimated_text,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.orders
),
typed AS (
  SELECT
    *,
    TRY_CAST(purchase_text AS TIMESTAMP) AS order_purchase_timestamp,
    TRY_CAST(approved_text AS TIMESTAMP) AS order_approved_at,
    TRY_CAST(carrier_text AS TIMESTAMP) AS order_delivered_carrier_date,
    TRY_CAST(delivered_text AS TIMESTAMP) AS order_delivered_customer_date,
    TRY_CAST(estimated_text AS TIMESTAMP) AS order_estimated_delivery_date
  FROM raw
)
SELECT
  order_id,
  customer_id,
  order_status,
  order_purchase_timestamp,
  order_approved_at,
  order_delivered_carrier_date,
  order_delivered_customer_date,
  order_estimated_delivery_date,
  _source, _source_kind, _row, _loaded_at,
  NULLIF(concat_ws('; ',
    CASE WHEN order_id IS NULL THEN 'order_id missing' END,
    CASE WHEN customer_id IS NULL THEN 'customer_id missing' END,
    CASE WHEN purchase_text IS NULL THEN 'order_purchase_timestamp missing'
         WHEN order_purchase_timestamp IS NULL THEN 'order_purchase_timestamp is not a timestamp: ' || purchase_text END,
    CASE WHEN approved_text IS NOT NULL AND order_approved_at IS NULL THEN 'order_approved_at is not a timestamp: ' || approved_text END,
    CASE WHEN carrier_text IS NOT NULL AND order_delivered_carrier_date IS NULL THEN 'order_delivered_carrier_date is not a timestamp: ' || carrier_text END,
    CASE WHEN delivered_text IS NOT NULL AND order_delivered_customer_date IS NULL THEN 'order_delivered_customer_date is not a timestamp: ' || delivered_text END,
    CASE WHEN estimated_text IS NOT NULL AND order_estimated_delivery_date IS NULL THEN 'order_estimated_delivery_date is not a timestamp: ' || estimated_text END
  ), '') AS _reason
FROM typed
