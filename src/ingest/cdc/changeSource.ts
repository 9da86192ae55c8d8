import { LOGICAL_SOURCES, recogniseSource, tableNameFromPath, type LogicalSource } from '../recogniseSource';

/**
 * The key columns of each logical source, as its silver model declares them (`-- key:` in
 * src/pipeline/models/silver/*.sql; changeSource.test.ts fails when the two differ). Ingest
 * does not read the model files itself: the CLI and the worker load it without them.
 */
export const SOURCE_KEYS: Record<LogicalSource, readonly string[]> = {
  customers: ['customer_id'],
  geolocation: ['geolocation_zip_code_prefix'],
  orders: ['order_id'],
  order_items: ['order_id', 'order_item_id'],
  order_payments: ['order_id', 'payment_sequential'],
  order_reviews: ['review_id', 'order_id'],
  products: ['product_id'],
  sellers: ['seller_id'],
  category_translation: ['product_category_name'],
};

/** The Olist CSVs' names without `.csv`, and the translation table's, for tables named like them. */
const TABLE_NAMES: Record<string, LogicalSource> = {
  olist_customers_dataset: 'customers',
  olist_geolocation_dataset: 'geolocation',
  olist_orders_dataset: 'orders',
  olist_order_items_dataset: 'order_items',
  olist_order_payments_dataset: 'order_payments',
  olist_order_reviews_dataset: 'order_reviews',
  olist_products_dataset: 'products',
  olist_sellers_dataset: 'sellers',
  product_category_name_translation: 'category_translation',
};

export interface ChangeTarget {
  /** The bronze / quarantine table: the logical source, or the table's own name. */
  source: string;
  recognised: boolean;
}

/**
 * Where a changed table's rows go (DESIGN.md §4): the logical source its columns name;
 * else the one its name is (`orders`, `olist_orders_dataset`, …); else its own name, like an
 * unrecognised table of a dump. Undefined when neither a table nor a column is known.
 */
export function changeTarget(table: string | undefined, columns: readonly string[] = []): ChangeTarget | undefined {
  const byColumns = columns.length ? recogniseSource(columns) : undefined;
  if (byColumns) return { source: byColumns, recognised: true };
  if (!table) return undefined;
  const name = table.toLowerCase();
  const byName = name in LOGICAL_SOURCES ? (name as LogicalSource) : TABLE_NAMES[name];
  if (byName) return { source: byName, recognised: true };
  return { source: tableNameFromPath(table), recognised: false };
}

/** Whether an update moved the row to another key: then it is a delete of the old key and a create of the new one. */
export function changesKey(source: string, before: ReadonlyMap<string, string | null>, after: ReadonlyMap<string, string | null>): boolean {
  const keys = SOURCE_KEYS[source as LogicalSource];
  return keys !== undefined && keys.some((k) => before.get(k) !== after.get(k));
}
