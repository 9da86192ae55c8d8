/**
 * Logical sources and the columns that identify them (DESIGN.md §4). A table is
 * recognised by its columns, not its name, so the same logical table can come from a
 * CSV, a dump or a Mongo collection.
 */
export const LOGICAL_SOURCES = {
  customers: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix'],
  geolocation: ['geolocation_zip_code_prefix', 'geolocation_lat', 'geolocation_lng'],
  orders: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp'],
  order_items: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'price', 'freight_value'],
  order_payments: ['order_id', 'payment_sequential', 'payment_type', 'payment_value'],
  order_reviews: ['review_id', 'order_id', 'review_score'],
  products: ['product_id', 'product_category_name'],
  sellers: ['seller_id', 'seller_zip_code_prefix'],
  category_translation: ['product_category_name', 'product_category_name_english'],
} as const satisfies Record<string, readonly string[]>;

export type LogicalSource = keyof typeof LOGICAL_SOURCES;

/**
 * The logical source whose key columns are all present; when several match, the one
 * with the most key columns (the most specific) wins.
 */
export function recogniseSource(columns: readonly string[]): LogicalSource | undefined {
  const present = new Set(columns.map((c) => c.trim().toLowerCase()));
  let best: LogicalSource | undefined;
  for (const [source, keys] of Object.entries(LOGICAL_SOURCES) as [LogicalSource, readonly string[]][]) {
    if (!keys.every((k) => present.has(k))) continue;
    if (!best || keys.length > LOGICAL_SOURCES[best].length) best = source;
  }
  return best;
}

/** A bronze table name for an unrecognised file: `My Export (2).csv` → `my_export_2`. */
export function tableNameFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const name = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!name) return 'unnamed';
  return /^[0-9]/.test(name) ? `t_${name}` : name;
}
