-- Features of an order known when it is placed, for the delivery-ETA model, with its label.
-- grain: one row per order with at least one item and a purchase timestamp
-- key: order_id
-- Label: delivery_days = epoch(delivered_at - purchased_at) / 86400, only for delivered
-- orders with a sane timeline (not an outlier of gold.delivery_performance); NULL otherwise
-- (such orders are scored, never trained on).
-- No leakage: every feature is known at purchase. The order's own items, prices, freight,
-- weights and addresses are; the seller's past handling time (approval → carrier, days) is
-- the mean over that seller's handovers that happened strictly before this order's purchase
-- (an event is known when it happens), so rows added later can never change it.
-- distance_km: haversine between the customer's and the (first) seller's zip prefix
-- centroids of silver.geolocation; NULL when either zip has no coordinates.
-- A multi-seller order's handling is attributed to its first item's seller.
WITH items AS (
  SELECT
    i.order_id,
    count(*)::INTEGER AS n_items,
    count(DISTINCT i.seller_id)::INTEGER AS n_sellers,
    sum(i.freight_value)::DOUBLE AS freight_value,
    sum(i.price)::DOUBLE AS price,
    sum(p.product_weight_g)::DOUBLE AS weight_g,
    sum(p.product_length_cm * p.product_height_cm * p.product_width_cm)::DOUBLE AS volume_cm3,
    arg_min(i.seller_id, i.order_item_id) AS seller_id,
    arg_min(coalesce(p.product_category_name_english, 'unknown'), i.order_item_id) AS category
  FROM silver.order_items AS i
  LEFT JOIN silver.products AS p USING (product_id)
  GROUP BY i.order_id
),
orders AS (
  SELECT
    f.order_id,
    f.order_status,
    f.purchased_at,
    f.approved_at,
    f.carrier_at,
    f.delivered_at,
    f.estimated_at,
    f.customer_state,
    coalesce(s.seller_state, 'unknown') AS seller_state,
    c.customer_zip_code_prefix AS customer_zip,
    s.seller_zip_code_prefix AS seller_zip,
    i.* EXCLUDE (order_id)
  FROM gold.order_facts AS f
  JOIN items AS i USING (order_id)
  LEFT JOIN silver.customers AS c USING (customer_id)
  LEFT JOIN silver.sellers AS s USING (seller_id)
  WHERE f.purchased_at IS NOT NULL
),
handling AS (
  -- Handovers (is_handover = 1, known at carrier_at) and the orders asking about them (0,
  -- at their purchase); at the same instant an order sorts first, so it does not see a
  -- handover of that very instant; order_id breaks ties so the order of rows never matters.
  SELECT seller_id, carrier_at AS event_at, 1 AS is_handover, order_id, epoch(carrier_at - approved_at) / 86400 AS days
  FROM orders
  WHERE carrier_at >= approved_at AND approved_at >= purchased_at
  UNION ALL
  SELECT seller_id, purchased_at, 0, order_id, NULL
  FROM orders
),
past AS (
  SELECT
    order_id,
    round(avg(days) OVER w, 6) AS seller_past_handling_days,
    count(days) OVER w AS seller_past_orders
  FROM handling
  WINDOW w AS (PARTITION BY seller_id ORDER BY event_at, is_handover, order_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  QUALIFY is_handover = 0
)
SELECT
  o.order_id,
  o.purchased_at,
  o.delivered_at,
  o.estimated_at,
  o.customer_state,
  o.seller_state,
  o.seller_id,
  o.category,
  (o.customer_state = o.seller_state) AS same_state,
  2 * 6371 * asin(least(1, sqrt(
    pow(sin(radians(gs.geolocation_lat - gc.geolocation_lat) / 2), 2)
    + cos(radians(gc.geolocation_lat)) * cos(radians(gs.geolocation_lat))
      * pow(sin(radians(gs.geolocation_lng - gc.geolocation_lng) / 2), 2)
  ))) AS distance_km,
  o.freight_value,
  o.price,
  o.weight_g,
  o.volume_cm3,
  o.n_items,
  o.n_sellers,
  dayofweek(o.purchased_at)::INTEGER AS purchase_weekday,
  month(o.purchased_at)::INTEGER AS purchase_month,
  hour(o.purchased_at)::INTEGER AS purchase_hour,
  p.seller_past_handling_days,
  p.seller_past_orders::INTEGER AS seller_past_orders,
  epoch(o.estimated_at - o.purchased_at) / 86400 AS olist_estimated_days,
  CASE
    WHEN o.order_status = 'delivered' AND o.delivered_at >= o.purchased_at
      AND coalesce(o.approved_at >= o.purchased_at, true) AND coalesce(o.carrier_at >= o.purchased_at, true)
      AND epoch(o.delivered_at - o.purchased_at) / 86400 <= 365
    THEN epoch(o.delivered_at - o.purchased_at) / 86400
  END AS delivery_days
FROM orders AS o
JOIN past AS p USING (order_id)
LEFT JOIN silver.geolocation AS gc ON gc.geolocation_zip_code_prefix = o.customer_zip
LEFT JOIN silver.geolocation AS gs ON gs.geolocation_zip_code_prefix = o.seller_zip
