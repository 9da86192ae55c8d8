-- RFM scores and segments of customers (recency, frequency, monetary value).
-- grain: one row per customer_unique_id of gold.customer_ltv
-- key: customer_unique_id
-- Batches: recomputed: NTILE ranks every customer against all others, and the reference date
-- is the latest purchase of all. Today every batch rebuilds it in full from silver (equal to a
-- rebuild by construction).
-- expect: not_null(customer_unique_id, recency_days, frequency, monetary, r_score, f_score, m_score, segment)
-- expect: range(r_score; 1; 5)
-- expect: range(f_score; 1; 5)
-- expect: range(m_score; 1; 5)
-- expect: range(recency_days; 1; )
-- expect: range(frequency; 1; )
-- expect: accepted_values(segment; Champions, Loyal, New, Promising, Needs attention, At risk, Hibernating)
-- expect: sql(one row per customer of gold.customer_ltv; SELECT l.customer_unique_id FROM gold.customer_ltv AS l FULL JOIN gold.rfm AS r USING (customer_unique_id) WHERE l.customer_unique_id IS NULL OR r.customer_unique_id IS NULL)
-- Built on gold.customer_ltv (revenue-bearing orders, customers as people), DESIGN.md section 6:
-- reference_date = (max order_purchase_timestamp over all orders of silver.orders,
-- whatever their status)::DATE + 1 day; recency_days = date_diff('day',
-- last_purchase_at::DATE, reference_date); frequency = orders; monetary = revenue.
-- r_score = NTILE(5) OVER (ORDER BY recency_days DESC, customer_unique_id): the most
-- recent customers get 5; f_score = least(frequency, 5);
-- m_score = NTILE(5) OVER (ORDER BY monetary, customer_unique_id).
-- segment, first rule that matches: Champions r>=4 and f>=3; Loyal r>=3 and f>=2;
-- New r>=4 and f=1; Promising r=3 and f=1; Needs attention r=2; At risk r=1 and f>=2;
-- Hibernating r=1 and f=1. Every (r, f) pair matches one of these.
-- reference_date is kept as an extra column.
WITH reference AS (
  SELECT max(order_purchase_timestamp)::DATE + 1 AS reference_date FROM silver.orders
),
measured AS (
  SELECT
    l.customer_unique_id,
    date_diff('day', l.last_purchase_at::DATE, r.reference_date)::INTEGER AS recency_days,
    l.orders AS frequency,
    l.revenue AS monetary,
    r.reference_date
  FROM gold.customer_ltv AS l, reference AS r
),
scored AS (
  SELECT
    *,
    (NTILE(5) OVER (ORDER BY recency_days DESC, customer_unique_id))::INTEGER AS r_score,
    least(frequency, 5)::INTEGER AS f_score,
    (NTILE(5) OVER (ORDER BY monetary, customer_unique_id))::INTEGER AS m_score
  FROM measured
)
SELECT
  customer_unique_id,
  recency_days,
  frequency,
  monetary,
  r_score,
  f_score,
  m_score,
  CASE
    WHEN r_score >= 4 AND f_score >= 3 THEN 'Champions'
    WHEN r_score >= 3 AND f_score >= 2 THEN 'Loyal'
    WHEN r_score >= 4 AND f_score = 1 THEN 'New'
    WHEN r_score = 3 AND f_score = 1 THEN 'Promising'
    WHEN r_score = 2 THEN 'Needs attention'
    WHEN r_score = 1 AND f_score >= 2 THEN 'At risk'
    WHEN r_score = 1 AND f_score = 1 THEN 'Hibernating'
  END AS segment,
  reference_date
FROM scored
