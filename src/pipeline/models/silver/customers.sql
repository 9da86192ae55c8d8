-- Customers as Olist records them: one customer_id per order, customer_unique_id per person.
-- grain: one row per customer_id (that is, per order placed)
-- key: customer_id
-- expect: not_null(customer_id, customer_unique_id)
-- expect: not_null(customer_zip_code_prefix, customer_state) warn
-- expect: sql(zip prefix is five digits; SELECT * FROM silver.customers WHERE NOT regexp_full_match(customer_zip_code_prefix, '[0-9]{5}')) warn
-- expect: accepted_values(customer_state; AC, AL, AM, AP, BA, CE, DF, ES, GO, MA, MG, MS, MT, PA, PB, PE, PI, PR, RJ, RN, RO, RR, RS, SC, SE, SP, TO) warn
-- Ids are trimmed text; an empty id is missing. customer_zip_code_prefix is 5-character
-- text, left-padded with zeros (1037 and 01037 both become 01037). customer_city is trimmed
-- and lower-case, customer_state trimmed and upper-case; empty text is NULL.
-- Hard rules (quarantine): customer_id missing; customer_unique_id missing (gold groups
-- customers by it, so a row without it cannot be attributed to a person).
-- Batches (src/pipeline/mergeBatches.ts): one row per customer_id, the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the customer_id.
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- A customer moving town arrives as a later batch's row of the same customer_id; it has no
-- change time of its own.
WITH typed AS (
  SELECT
    NULLIF(quick_trim(customer_id::VARCHAR), '') AS customer_id,
    NULLIF(quick_trim(customer_unique_id::VARCHAR), '') AS customer_unique_id,
    lpad(NULLIF(quick_trim(customer_zip_code_prefix::VARCHAR), ''), 5, '0') AS customer_zip_code_prefix,
    NULLIF(lower(quick_trim(customer_city::VARCHAR)), '') AS customer_city,
    NULLIF(upper(quick_trim(customer_state::VARCHAR)), '') AS customer_state,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.customers
)
SELECT
  *,
  NULLIF(concat_ws('; ',
    CASE WHEN customer_id IS NULL THEN 'customer_id missing' END,
    CASE WHEN customer_unique_id IS NULL THEN 'customer_unique_id missing' END
  ), '') AS _reason
FROM typed
