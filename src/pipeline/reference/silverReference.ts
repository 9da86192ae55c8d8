/**
 * The silver cleaning of DESIGN §5, re-implemented in plain TypeScript from the CSV text, as
 * an independent check of the SQL silver/gold models. Per source:
 * - text is trimmed, and an empty or blank value is missing (null);
 * - zip prefixes are 5-character text, state codes upper-case, statuses lower-case;
 * - timestamps are wall-clock milliseconds (see castValues.ts), money is integer cents;
 * - a row with a missing key, an uncastable key part, a missing or uncastable purchase
 *   timestamp (orders) or a missing or uncastable amount (items: price, freight_value;
 *   payments: payment_value) is quarantined; any other uncastable value becomes null;
 * - quarantine is decided first, then duplicates of a key are removed among the remaining
 *   rows, keeping the first in file order.
 * So `bronze = silver + duplicates + quarantined` for every source.
 */
import { parseCsv, type CsvTable, type CsvValue } from './parseCsv';
import {
  UNCASTABLE,
  castCents,
  castInteger,
  castTimestamp,
  cleanText,
  lowerText,
  upperText,
  zipPrefix,
  type Cast,
} from './castValues';

export interface CsvFile {
  name: string;
  bytes: Uint8Array;
}

export interface SilverCustomer {
  customer_id: string;
  customer_unique_id: string | null;
  customer_zip_code_prefix: string | null;
  customer_city: string | null;
  customer_state: string | null;
}

export interface SilverOrder {
  order_id: string;
  customer_id: string | null;
  order_status: string | null;
  /** Timestamps in wall-clock milliseconds. */
  purchased_at: number;
  approved_at: number | null;
  delivered_carrier_at: number | null;
  delivered_customer_at: number | null;
  estimated_delivery_at: number | null;
}

export interface SilverItem {
  order_id: string;
  order_item_id: number;
  product_id: string | null;
  seller_id: string | null;
  price_cents: number;
  freight_value_cents: number;
}

export interface SilverProduct {
  product_id: string;
  product_category_name: string | null;
  /** Translation, else the Portuguese name, else `unknown`. */
  category_english: string;
}

export interface SilverSeller {
  seller_id: string;
  seller_zip_code_prefix: string | null;
  seller_city: string | null;
  seller_state: string | null;
}

export interface SilverPayment {
  order_id: string;
  payment_sequential: number;
  payment_type: string | null;
  payment_installments: number | null;
  payment_value_cents: number;
}

export interface SilverReview {
  review_id: string;
  order_id: string;
  review_score: number | null;
}

export interface SilverCounts {
  bronze: number;
  silver: number;
  duplicates: number;
  quarantined: number;
}

export interface SilverReference {
  customers: SilverCustomer[];
  orders: SilverOrder[];
  order_items: SilverItem[];
  order_payments: SilverPayment[];
  order_reviews: SilverReview[];
  products: SilverProduct[];
  sellers: SilverSeller[];
  category_translation: { product_category_name: string; product_category_name_english: string | null }[];
  counts: Record<string, SilverCounts>;
}

/** DESIGN §4: file name and the key columns that identify each logical source. */
const SOURCES: Readonly<Record<string, { file: string; columns: readonly string[] }>> = {
  customers: { file: 'olist_customers_dataset.csv', columns: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix'] },
  geolocation: { file: 'olist_geolocation_dataset.csv', columns: ['geolocation_zip_code_prefix', 'geolocation_lat', 'geolocation_lng'] },
  orders: { file: 'olist_orders_dataset.csv', columns: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp'] },
  order_items: { file: 'olist_order_items_dataset.csv', columns: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'price', 'freight_value'] },
  order_payments: { file: 'olist_order_payments_dataset.csv', columns: ['order_id', 'payment_sequential', 'payment_type', 'payment_value'] },
  order_reviews: { file: 'olist_order_reviews_dataset.csv', columns: ['review_id', 'order_id', 'review_score'] },
  products: { file: 'olist_products_dataset.csv', columns: ['product_id', 'product_category_name'] },
  sellers: { file: 'olist_sellers_dataset.csv', columns: ['seller_id', 'seller_zip_code_prefix'] },
  category_translation: { file: 'product_category_name_translation.csv', columns: ['product_category_name', 'product_category_name_english'] },
};

/** Parses the files and assigns each to its logical source: by file name, else by its columns. */
export function recogniseSources(files: readonly CsvFile[]): Map<string, CsvTable> {
  const tables = new Map<string, CsvTable>();
  for (const file of files) {
    const base = (file.name.split(/[\\/]/).pop() ?? file.name).toLowerCase();
    const table = parseCsv(file.bytes);
    const columns = new Set(table.header.map((h) => h.toLowerCase()));
    const source =
      Object.keys(SOURCES).find((s) => SOURCES[s]!.file === base) ??
      Object.keys(SOURCES).find((s) => SOURCES[s]!.columns.every((c) => columns.has(c)));
    if (source !== undefined && !tables.has(source)) tables.set(source, table);
  }
  return tables;
}

type Get = (column: string) => CsvValue;
/** Builds a typed row, or returns the reason it goes to quarantine. */
type Build<T> = (get: Get) => T | string;

function clean<T extends object>(
  counts: Record<string, SilverCounts>,
  source: string,
  table: CsvTable | undefined,
  build: Build<T>,
  key: (row: T) => string,
): T[] {
  const out: T[] = [];
  const c: SilverCounts = { bronze: 0, silver: 0, duplicates: 0, quarantined: 0 };
  counts[source] = c;
  if (!table) return out;
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!index.has(h.toLowerCase())) index.set(h.toLowerCase(), i);
  });
  const seen = new Set<string>();
  for (const row of table.rows) {
    c.bronze++;
    const get: Get = (column) => {
      const i = index.get(column);
      return i === undefined ? null : (row[i] ?? null);
    };
    const typed = build(get);
    if (typeof typed === 'string') {
      c.quarantined++;
      continue;
    }
    const k = key(typed);
    if (seen.has(k)) {
      c.duplicates++;
      continue;
    }
    seen.add(k);
    out.push(typed);
  }
  c.silver = out.length;
  return out;
}

/** A cast that turns an uncastable value into null (soft columns). */
function soft<T>(value: Cast<T>): T | null {
  return value === UNCASTABLE ? null : value;
}

const composite = (...parts: (string | number)[]) => JSON.stringify(parts);

export function silverReference(files: readonly CsvFile[]): SilverReference {
  const tables = recogniseSources(files);
  const counts: Record<string, SilverCounts> = {};

  const customers = clean<SilverCustomer>(counts, 'customers', tables.get('customers'), (get) => {
    const customer_id = cleanText(get('customer_id'));
    if (customer_id === null) return 'missing customer_id';
    return {
      customer_id,
      customer_unique_id: cleanText(get('customer_unique_id')),
      customer_zip_code_prefix: zipPrefix(get('customer_zip_code_prefix')),
      customer_city: cleanText(get('customer_city')),
      customer_state: upperText(get('customer_state')),
    };
  }, (r) => r.customer_id);

  const orders = clean<SilverOrder>(counts, 'orders', tables.get('orders'), (get) => {
    const order_id = cleanText(get('order_id'));
    if (order_id === null) return 'missing order_id';
    const purchased = castTimestamp(get('order_purchase_timestamp'));
    if (purchased === null) return 'missing order_purchase_timestamp';
    if (purchased === UNCASTABLE) return 'uncastable order_purchase_timestamp';
    return {
      order_id,
      customer_id: cleanText(get('customer_id')),
      order_status: lowerText(get('order_status')),
      purchased_at: purchased,
      approved_at: soft(castTimestamp(get('order_approved_at'))),
      delivered_carrier_at: soft(castTimestamp(get('order_delivered_carrier_date'))),
      delivered_customer_at: soft(castTimestamp(get('order_delivered_customer_date'))),
      estimated_delivery_at: soft(castTimestamp(get('order_estimated_delivery_date'))),
    };
  }, (r) => r.order_id);

  const order_items = clean<SilverItem>(counts, 'order_items', tables.get('order_items'), (get) => {
    const order_id = cleanText(get('order_id'));
    const order_item_id = castInteger(get('order_item_id'));
    if (order_id === null || order_item_id === null || order_item_id === UNCASTABLE) return 'missing key';
    const price = castCents(get('price'));
    const freight = castCents(get('freight_value'));
    if (price === null || price === UNCASTABLE) return 'missing or uncastable price';
    if (freight === null || freight === UNCASTABLE) return 'missing or uncastable freight_value';
    return {
      order_id,
      order_item_id,
      product_id: cleanText(get('product_id')),
      seller_id: cleanText(get('seller_id')),
      price_cents: price,
      freight_value_cents: freight,
    };
  }, (r) => composite(r.order_id, r.order_item_id));

  const order_payments = clean<SilverPayment>(counts, 'order_payments', tables.get('order_payments'), (get) => {
    const order_id = cleanText(get('order_id'));
    const payment_sequential = castInteger(get('payment_sequential'));
    if (order_id === null || payment_sequential === null || payment_sequential === UNCASTABLE) return 'missing key';
    const value = castCents(get('payment_value'));
    if (value === null || value === UNCASTABLE) return 'missing or uncastable payment_value';
    return {
      order_id,
      payment_sequential,
      payment_type: lowerText(get('payment_type')),
      payment_installments: soft(castInteger(get('payment_installments'))),
      payment_value_cents: value,
    };
  }, (r) => composite(r.order_id, r.payment_sequential));

  const order_reviews = clean<SilverReview>(counts, 'order_reviews', tables.get('order_reviews'), (get) => {
    const review_id = cleanText(get('review_id'));
    const order_id = cleanText(get('order_id'));
    if (review_id === null || order_id === null) return 'missing key';
    return { review_id, order_id, review_score: soft(castInteger(get('review_score'))) };
  }, (r) => composite(r.review_id, r.order_id));

  const category_translation = clean(counts, 'category_translation', tables.get('category_translation'), (get) => {
    const product_category_name = cleanText(get('product_category_name'));
    if (product_category_name === null) return 'missing product_category_name';
    return { product_category_name, product_category_name_english: cleanText(get('product_category_name_english')) };
  }, (r) => r.product_category_name);
  const english = new Map(category_translation.map((t) => [t.product_category_name, t.product_category_name_english]));

  const products = clean<SilverProduct>(counts, 'products', tables.get('products'), (get) => {
    const product_id = cleanText(get('product_id'));
    if (product_id === null) return 'missing product_id';
    const product_category_name = cleanText(get('product_category_name'));
    const category_english =
      product_category_name === null ? 'unknown' : (english.get(product_category_name) ?? product_category_name);
    return { product_id, product_category_name, category_english };
  }, (r) => r.product_id);

  const sellers = clean<SilverSeller>(counts, 'sellers', tables.get('sellers'), (get) => {
    const seller_id = cleanText(get('seller_id'));
    if (seller_id === null) return 'missing seller_id';
    return {
      seller_id,
      seller_zip_code_prefix: zipPrefix(get('seller_zip_code_prefix')),
      seller_city: cleanText(get('seller_city')),
      seller_state: upperText(get('seller_state')),
    };
  }, (r) => r.seller_id);

  return { customers, orders, order_items, order_payments, order_reviews, products, sellers, category_translation, counts };
}
