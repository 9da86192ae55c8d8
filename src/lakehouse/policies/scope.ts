/**
 * The rows an audience's filter is evaluated on: one row per order item (and one per
 * order without items), with the order's, its customer's, the item's seller's and its
 * product's columns. An item is in the audience's scope when the condition holds on its
 * row; an order when it holds on any of its rows. Everything published for the audience
 * — silver, gold rebuilt by the pipeline's own models, the dashboard's tables and
 * pre-aggregates — is built from those rows only, so no total includes another scope's
 * rows (buildExtract.ts).
 */
export const SCOPE_COLUMNS = [
  'order_id',
  'order_status',
  'purchased_at',
  'customer_id',
  'customer_unique_id',
  'customer_state',
  'customer_city',
  'customer_zip_code_prefix',
  'order_item_id',
  'seller_id',
  'seller_state',
  'seller_city',
  'product_id',
  'product_category_name',
] as const;

/** The scope rows over the full lakehouse's silver tables in schema `source`. */
export const scopeRowsSql = (source: string) => `
SELECT o.order_id, o.order_status, o.order_purchase_timestamp AS purchased_at,
  o.customer_id, c.customer_unique_id, c.customer_state, c.customer_city, c.customer_zip_code_prefix,
  i.order_item_id, i.seller_id, s.seller_state, s.seller_city, i.product_id, p.product_category_name
FROM ${source}.orders AS o
LEFT JOIN ${source}.customers AS c USING (customer_id)
LEFT JOIN ${source}.order_items AS i USING (order_id)
LEFT JOIN ${source}.sellers AS s USING (seller_id)
LEFT JOIN ${source}.products AS p USING (product_id)`;
