-- Order reviews: the customer's score and comment on an order.
-- grain: one row per review of an order (review_id, order_id)
-- key: review_id, order_id
-- expect: not_null(review_id, order_id, review_score)
-- expect: range(review_score; 1; 5)
-- expect: relationships(order_id; silver.orders.order_id) warn
-- expect: sql(answered after created; SELECT * FROM silver.order_reviews WHERE review_answer_timestamp < review_creation_date) warn
-- The key is (review_id, order_id): the real data reuses a review_id on several orders,
-- and each of those rows is a review of its own order.
-- review_score is INTEGER; review_comment_title and review_comment_message are text,
-- trimmed of spaces, tabs and line breaks at both ends (line breaks inside a message are
-- kept), an empty comment is NULL; review_creation_date and review_answer_timestamp are
-- TIMESTAMP.
-- Hard rules (quarantine): review_id or order_id missing; review_score missing, not an
-- integer or outside 1..5; a timestamp present but not a timestamp.
-- Batches (src/pipeline/mergeBatches.ts): one row per (review_id, order_id), the latest word on it: the row of
-- the latest batch wins; within a batch the first row by _row (snapshot files) or the last
-- change record (Debezium, binlog: applied in file order); a 'd' record removes the (review_id, order_id).
-- A 'u' or 'd' of a key that is not there goes to quarantine, naming its file and line.
-- review_answer_timestamp is the review's own change time, and it is NOT used: the latest
-- batch wins even when its answer is older (a late re-export is still the shop's latest
-- word, and the source has answers stamped before their reviews): one rule for every source.
WITH raw AS (
  SELECT
    NULLIF(quick_trim(review_id::VARCHAR), '') AS review_id,
    NULLIF(quick_trim(order_id::VARCHAR), '') AS order_id,
    NULLIF(quick_trim(review_score::VARCHAR), '') AS score_text,
    NULLIF(trim(review_comment_title::VARCHAR, ' ' || chr(9) || chr(10) || chr(13)), '') AS review_comment_title,
    NULLIF(trim(review_comment_message::VARCHAR, ' ' || chr(9) || chr(10) || chr(13)), '') AS review_comment_message,
    NULLIF(quick_trim(review_creation_date::VARCHAR), '') AS creation_text,
    NULLIF(quick_trim(review_answer_timestamp::VARCHAR), '') AS answer_text,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.order_reviews
),
typed AS (
  SELECT
    *,
    TRY_CAST(score_text AS INTEGER) AS review_score,
    TRY_CAST(creation_text AS TIMESTAMP) AS review_creation_date,
    TRY_CAST(answer_text AS TIMESTAMP) AS review_answer_timestamp
  FROM raw
)
SELECT
  review_id,
  order_id,
  review_score,
  review_comment_title,
  review_comment_message,
  review_creation_date,
  review_answer_timestamp,
  _source, _source_kind, _row, _loaded_at,
  NULLIF(concat_ws('; ',
    CASE WHEN review_id IS NULL THEN 'review_id missing' END,
    CASE WHEN order_id IS NULL THEN 'order_id missing' END,
    CASE WHEN score_text IS NULL THEN 'review_score missing'
         WHEN review_score IS NULL THEN 'review_score is not an integer: ' || score_text
         WHEN review_score NOT BETWEEN 1 AND 5 THEN 'review_score outside 1..5: ' || score_text END,
    CASE WHEN creation_text IS NOT NULL AND review_creation_date IS NULL THEN 'review_creation_date is not a timestamp: ' || creation_text END,
    CASE WHEN answer_text IS NOT NULL AND review_answer_timestamp IS NULL THEN 'review_answer_timestamp is not a timestamp: ' || answer_text END
  ), '') AS _reason
FROM typed
