-- Products with their category in Portuguese and English, and their measures.
-- grain: one row per product
-- key: product_id
-- expect: not_null(product_id, product_category_name_english)
-- expect: not_null(product_category_name) warn
-- expect: relationships(product_category_name; silver.category_translation.product_category_name) warn
-- expect: range(product_weight_g; 0; )
-- expect: range(product_photos_qty; 0; )
-- expect: sql(positive weight; SELECT * FROM silver.products WHERE product_weight_g = 0) warn
-- The source's misspelled columns product_name_lenght and product_description_lenght
-- become product_name_length and product_description_length.
-- product_category_name is trimmed (empty is NULL). product_category_name_english comes
-- from silver.category_translation; when the category has no translation it is the
-- Portuguese name (pc_gamer stays pc_gamer), and when the product has no category it is
-- 'unknown'. The measures are INTEGER; an empty measure is NULL.
-- Hard rules (quarantine): product_id missing; a measure present but not an integer.
-- Batches (src/pipeline/mergeBatches.ts): one row per product_id, the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the product_id.
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- Products carry no change time: the batch order is the only one.
WITH raw AS (
  SELECT
    NULLIF(quick_trim(product_id::VARCHAR), '') AS product_id,
    NULLIF(quick_trim(product_category_name::VARCHAR), '') AS product_category_name,
    NULLIF(quick_trim(product_name_lenght::VARCHAR), '') AS name_length_text,
    NULLIF(quick_trim(product_description_lenght::VARCHAR), '') AS description_length_text,
    NULLIF(quick_trim(product_photos_qty::VARCHAR), '') AS photos_text,
    NULLIF(quick_trim(product_weight_g::VARCHAR), '') AS weight_text,
    NULLIF(quick_trim(product_length_cm::VARCHAR), '') AS length_text,
    NULLIF(quick_trim(product_height_cm::VARCHAR), '') AS height_text,
    NULLIF(quick_trim(product_width_cm::VARCHAR), '') AS width_text,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.products
),
typed AS (
  SELECT
    *,
    TRY_CAST(name_length_text AS INTEGER) AS product_name_length,
    TRY_CAST(description_length_text AS INTEGER) AS product_description_length,
    TRY_CAST(photos_text AS INTEGER) AS product_photos_qty,
    TRY_CAST(weight_text AS INTEGER) AS product_weight_g,
    TRY_CAST(length_text AS INTEGER) AS product_length_cm,
    TRY_CAST(height_text AS INTEGER) AS product_height_cm,
    TRY_CAST(width_text AS INTEGER) AS product_width_cm
  FROM raw
)
SELECT
  p.product_id,
  p.product_category_name,
  CASE
    WHEN p.product_category_name IS NULL THEN 'unknown'
    ELSE coalesce(t.product_category_name_english, p.product_category_name)
  END AS product_category_name_english,
  p.product_name_length,
  p.product_description_length,
  p.product_photos_qty,
  p.product_weight_g,
  p.product_length_cm,
  p.product_height_cm,
  p.product_width_cm,
  p._source, p._source_kind, p._row, p._loaded_at,
  NULLIF(concat_ws('; ',
    CASE WHEN p.product_id IS NULL THEN 'product_id missing' END,
    CASE WHEN p.name_length_text IS NOT NULL AND p.product_name_length IS NULL THEN 'product_name_lenght is not an integer: ' || p.name_length_text END,
    CASE WHEN p.description_length_text IS NOT NULL AND p.product_description_length IS NULL THEN 'product_description_lenght is not an integer: ' || p.description_length_text END,
    CASE WHEN p.photos_text IS NOT NULL AND p.product_photos_qty IS NULL THEN 'product_photos_qty is not an integer: ' || p.photos_text END,
    CASE WHEN p.weight_text IS NOT NULL AND p.product_weight_g IS NULL THEN 'product_weight_g is not an integer: ' || p.weight_text END,
    CASE WHEN p.length_text IS NOT NULL AND p.product_length_cm IS NULL THEN 'product_length_cm is not an integer: ' || p.length_text END,
    CASE WHEN p.height_text IS NOT NULL AND p.product_height_cm IS NULL THEN 'product_height_cm is not an integer: ' || p.height_text END,
    CASE WHEN p.width_text IS NOT NULL AND p.product_width_cm IS NULL THEN 'product_width_cm is not an integer: ' || p.width_text END
  ), '') AS _reason
FROM typed AS p
LEFT JOIN silver.category_translation AS t USING (product_category_name)
