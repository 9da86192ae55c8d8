-- Order payments: the payment rows of each order (several when vouchers are combined).
-- grain: one row per payment of an order (order_id, payment_sequential)
-- key: order_id, payment_sequential
-- expect: not_null(order_id, payment_sequential, payment_value)
-- expect: range(payment_sequential; 1; )
-- expect: range(payment_value; 0; )
-- expect: accepted_values(payment_type; credit_card, boleto, voucher, debit_card) warn
-- expect: range(payment_installments; 1; ) warn
-- expect: relationships(order_id; silver.orders.order_id) warn
-- payment_value is DECIMAL(12,2); payment_sequential and payment_installments are
-- INTEGER; payment_type is trimmed and lower-case.
-- Kept, with a warning only: payment_type 'not_defined' (real rows worth 0.00) and credit
-- card rows with 0 installments. Payments are not revenue: gold revenue comes from items.
-- Hard rules (quarantine): order_id or payment_sequential missing (or not an integer);
-- payment_value missing, not a number or negative; payment_installments present but not
-- an integer.
-- Batches (src/pipeline/mergeBatches.ts): one row per (order_id, payment_sequential), the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the (order_id, payment_sequential).
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- Payments carry no change time: the batch order is the only one.
WITH raw AS (
  SELECT
    NULLIF(quick_trim(order_id::VARCHAR), '') AS order_id,
    NULLIF(quick_trim(payment_sequential::VARCHAR), '') AS sequential_text,
    NULLIF(lower(quick_trim(payment_type::VARCHAR)), '') AS payment_type,
    NULLIF(quick_trim(payment_installments::VARCHAR), '') AS installments_text,
    NULLIF(quick_trim(payment_value::VARCHAR), '') AS value_text,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.order_payments
),
typed AS (
  SELECT
    *,
    TRY_CAST(sequential_text AS INTEGER) AS payment_sequential,
    TRY_CAST(installments_text AS INTEGER) AS payment_installments,
    TRY_CAST(value_text AS DECIMAL(12,2)) AS payment_value
  FROM raw
)
SELECT
  order_id,
  payment_sequential,
  payment_type,
  payment_installments,
  payment_value,
  _source, _source_kind, _row, _loaded_at,
  NULLIF(concat_ws('; ',
    CASE WHEN order_id IS NULL THEN 'order_id missing' END,
    CASE WHEN sequential_text IS NULL THEN 'payment_sequential missing'
         WHEN payment_sequential IS NULL THEN 'payment_sequential is not an integer: ' || sequential_text END,
    CASE WHEN value_text IS NULL THEN 'payment_value missing'
         WHEN payment_value IS NULL THEN 'payment_value is not an amount: ' || value_text
         WHEN payment_value < 0 THEN 'payment_value is negative: ' || value_text END,
    CASE WHEN installments_text IS NOT NULL AND payment_installments IS NULL THEN 'payment_installments is not an integer: ' || installments_text END
  ), '') AS _reason
FROM typed
