-- Features of a customer at a cutoff date, for the repeat-purchase (churn) model, with its label.
-- grain: one row per (cutoff, customer_unique_id) with a revenue-bearing order before the cutoff
-- key: cutoff, customer_unique_id
-- The cutoffs come from ml.churn_cutoffs (cutoff TIMESTAMP, horizon_days INTEGER), made by
-- the caller (churnSplit.ts).
-- No leakage: every feature uses only what was known before the cutoff: orders purchased
-- before it (RFM: recency, frequency, monetary; payment type and installments, paid at
-- purchase; categories), deliveries that arrived before it (late deliveries, delay), reviews
-- written before it (scores). The customer's state is their latest known address.
-- Label: bought_again = a revenue-bearing order in [cutoff, cutoff + horizon_days).
WITH orders AS (
  SELECT order_id, customer_unique_id, customer_state, purchased_at, delivered_at, estimated_at, revenue::DOUBLE AS revenue
  FROM gold.order_facts
  WHERE is_revenue_bearing AND customer_unique_id IS NOT NULL AND purchased_at IS NOT NULL
),
past AS (
  SELECT k.cutoff, o.*
  FROM ml.churn_cutoffs AS k
  JOIN orders AS o ON o.purchased_at < k.cutoff
),
reviews AS (
  SELECT p.cutoff, p.customer_unique_id, r.review_score, r.review_creation_date
  FROM past AS p
  JOIN silver.order_reviews AS r USING (order_id)
  WHERE r.review_creation_date < p.cutoff AND r.review_score IS NOT NULL
),
review_features AS (
  SELECT cutoff, customer_unique_id,
    avg(review_score)::DOUBLE AS avg_review_score,
    min(review_score)::INTEGER AS min_review_score,
    arg_max(review_score, review_creation_date)::INTEGER AS last_review_score,
    count(*)::INTEGER AS reviews
  FROM reviews
  GROUP BY cutoff, customer_unique_id
),
payments AS (
  SELECT p.cutoff, p.customer_unique_id,
    mode(y.payment_type) AS main_payment_type,
    avg(y.payment_installments)::DOUBLE AS avg_installments
  FROM past AS p
  JOIN silver.order_payments AS y USING (order_id)
  GROUP BY cutoff, customer_unique_id
),
categories AS (
  SELECT p.cutoff, p.customer_unique_id, count(DISTINCT pr.product_category_name_english)::INTEGER AS categories
  FROM past AS p
  JOIN silver.order_items AS i USING (order_id)
  LEFT JOIN silver.products AS pr USING (product_id)
  GROUP BY cutoff, customer_unique_id
),
rfm AS (
  SELECT cutoff, customer_unique_id,
    date_diff('day', max(purchased_at)::DATE, cutoff::DATE)::INTEGER AS recency_days,
    date_diff('day', min(purchased_at)::DATE, cutoff::DATE)::INTEGER AS tenure_days,
    count(*)::INTEGER AS frequency,
    sum(revenue)::DOUBLE AS monetary,
    arg_max(customer_state, purchased_at) AS customer_state,
    count(*) FILTER (WHERE delivered_at < cutoff AND delivered_at::DATE > estimated_at::DATE)::INTEGER AS late_deliveries,
    coalesce(avg(date_diff('day', estimated_at::DATE, delivered_at::DATE)) FILTER (WHERE delivered_at < cutoff), 0)::DOUBLE AS avg_delay_days,
    count(*) FILTER (WHERE delivered_at < cutoff)::INTEGER AS delivered_orders
  FROM past
  GROUP BY cutoff, customer_unique_id
),
future AS (
  SELECT DISTINCT k.cutoff, o.customer_unique_id
  FROM ml.churn_cutoffs AS k
  JOIN orders AS o ON o.purchased_at >= k.cutoff AND o.purchased_at < k.cutoff + to_days(k.horizon_days)
)
SELECT
  r.*,
  -- No review yet: NULL (the learner's encoder reads it as the average score), not 0, which
  -- would put a silent customer below the angriest one; `reviews` = 0 says there was none.
  v.avg_review_score,
  v.min_review_score,
  v.last_review_score,
  coalesce(v.reviews, 0) AS reviews,
  coalesce(y.main_payment_type, 'unknown') AS main_payment_type,
  coalesce(y.avg_installments, 0) AS avg_installments,
  coalesce(c.categories, 0) AS categories,
  (f.customer_unique_id IS NOT NULL) AS bought_again
FROM rfm AS r
LEFT JOIN review_features AS v USING (cutoff, customer_unique_id)
LEFT JOIN payments AS y USING (cutoff, customer_unique_id)
LEFT JOIN categories AS c USING (cutoff, customer_unique_id)
LEFT JOIN future AS f USING (cutoff, customer_unique_id)
