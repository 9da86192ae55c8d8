-- Order items: one row per item of an order, with its product, seller and amounts.
-- grain: one row per order item (order_id, order_item_id)
-- key: order_id, order_item_id
-- expect: not_null(order_id, order_item_id, price, freight_value)
-- expect: not_null(product_id, seller_id) warn
-- expect: range(order_item_id; 1; )
-- expect: range(price; 0; )
-- expect: range(freight_value; 0; )
-- expect: relationships(order_id; silver.orders.order_id) warn
-- expect: relationships(product_id; silver.products.product_id) warn
-- expect: relationships(seller_id; silver.sellers.seller_id) warn
-- Money is DECIMAL(12,2) (exact cents, so revenue totals reconcile to the cent);
-- order_item_id is INTEGER; shipping_limit_date is TIMESTAMP; ids are trimmed text.
-- Item revenue (DESIGN.md section 6) is price + freight_value.
-- Hard rules (quarantine): order_id or order_item_id missing (or order_item_id not an
-- integer); price or freight_value missing, not a number or negative; shipping_limit_date
-- present but not a timestamp. A missing product_id or seller_id is kept (warn): the
-- item still has revenue, gold counts it under category and seller state 'unknown'.
-- Batches (src/pipeline/mergeBatches.ts): one row per (order_id, order_item_id), the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the (order_id, order_item_id).
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- shipping_limit_date is a deadline, not a change time: not used to order versions.
WITH raw AS (
  SELECT
    NULLIF(quick_trim(order_id::VARCHAR), '') AS order_id,
    NULLIF(quick_trim(order_item_id::VARCHAR), '') AS item_text,
    NULLIF(quick_trim(product_id::VARCHAR), '') AS product_id,
    NULLIF(quick_trim(seller_id::VARCHAR), '') AS seller_id,
    NULLIF(quick_trim(shipping_limit_date::VARCHAR), '') AS shipping_text,
    NULLIF(quick_trim(price::VARCHAR), '') AS price_text,
    NULLIF(quick_trim(freight_value::VARCHAR), '') AS freight_text,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.order_items
),
typed AS (
  SELECT
    *,
    TRY_CAST(item_text AS INTEGER) AS order_item_id,
    TRY_CAST(shipping_text AS TIMESTAMP) AS shipping_limit_date,
    TRY_CAST(price_text AS DECIMAL(12,2)) AS price,
    TRY_CAST(freight_text AS DECIMAL(12,2)) AS freight_value
  FROM raw
)
SELECT
  order_id,
  order_item_id,
  product_id,
  seller_id,
  shipping_limit_date,
  price,
  freight_value,
  _source, _source_kind, _row, _loaded_at,
  NULLIF(concat_ws('; ',
    CASE WHEN order_id IS NULL THEN 'order_id missing' END,
    CASE WHEN item_text IS NULL THEN 'order_item_id missing'
         WHEN order_item_id IS NULL THEN 'order_item_id is not an integer: ' || item_text END,
    CASE WHEN price_text IS NULL THEN 'price missing'
         WHEN price IS NULL THEN 'price is not an amount: ' || price_text
         WHEN price < 0 THEN 'price is negative: ' || price_text END,
    CASE WHEN freight_text IS NULL THEN 'freight_value missing'
         WHEN freight_value IS NULL THEN 'freight_value is not an amount: ' || freight_text
         WHEN freight_value < 0 THEN 'freight_value is negative: ' || freight_text END,
    CASE WHEN shipping_text IS NOT NULL AND shipping_limit_date IS NULL THEN 'shipping_limit_date is not a timestamp: ' || shipping_text END
  ), '') AS _reason
FROM typed
