-- Product category names, Portuguese to English, as given by the translation table.
-- grain: one row per Portuguese category name
-- key: product_category_name
-- expect: not_null(product_category_name)
-- expect: not_null(product_category_name_english) warn
-- Both names are trimmed; an empty name is NULL. The real file has a byte-order mark and
-- CRLF line ends, which ingest already strips.
-- Hard rule (quarantine): the Portuguese name is missing.
-- A missing English name is kept (NULL): silver.products then falls back to the Portuguese name.
-- Batches (src/pipeline/mergeBatches.ts): one row per product_category_name, the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the product_category_name.
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- The file has no change time: the batch order is the only one.
WITH typed AS (
  SELECT
    NULLIF(quick_trim(product_category_name::VARCHAR), '') AS product_category_name,
    NULLIF(quick_trim(product_category_name_english::VARCHAR), '') AS product_category_name_english,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.category_translation
)
SELECT
  *,
  CASE WHEN product_category_name IS NULL THEN 'product_category_name missing' END AS _reason
FROM typed
