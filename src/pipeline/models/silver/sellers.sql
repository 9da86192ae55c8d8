-- Sellers with their location.
-- grain: one row per seller
-- key: seller_id
-- expect: not_null(seller_id)
-- expect: not_null(seller_zip_code_prefix, seller_state) warn
-- expect: sql(zip prefix is five digits; SELECT * FROM silver.sellers WHERE NOT regexp_full_match(seller_zip_code_prefix, '[0-9]{5}')) warn
-- expect: accepted_values(seller_state; AC, AL, AM, AP, BA, CE, DF, ES, GO, MA, MG, MS, MT, PA, PB, PE, PI, PR, RJ, RN, RO, RR, RS, SC, SE, SP, TO) warn
-- seller_zip_code_prefix is 5-character text left-padded with zeros; seller_city is trimmed
-- and lower-case (the odd spellings of the source, such as "city / uf", are kept as text);
-- seller_state is trimmed and upper-case; empty text is NULL.
-- Hard rule (quarantine): seller_id missing.
-- Batches (src/pipeline/mergeBatches.ts): one row per seller_id, the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the seller_id.
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- Sellers carry no change time: the batch order is the only one.
WITH typed AS (
  SELECT
    NULLIF(quick_trim(seller_id::VARCHAR), '') AS seller_id,
    lpad(NULLIF(quick_trim(seller_zip_code_prefix::VARCHAR), ''), 5, '0') AS seller_zip_code_prefix,
    NULLIF(lower(quick_trim(seller_city::VARCHAR)), '') AS seller_city,
    NULLIF(upper(quick_trim(seller_state::VARCHAR)), '') AS seller_state,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.sellers
)
SELECT
  *,
  CASE WHEN seller_id IS NULL THEN 'seller_id missing' END AS _reason
FROM typed
