/**
 * Deterministic generator of Olist-shaped CSV data (the nine files of Kaggle's "Brazilian
 * E-Commerce Public Dataset by Olist"), with the real files' quirks: inconsistent quoting of
 * ids, zip prefixes with leading zeros, the misspelled `lenght` columns, products without a
 * category, categories missing from the translation table (which has a BOM, CRLF and no final
 * newline), multi-line review comments, duplicate review ids, duplicate and out-of-Brazil
 * geolocation points, odd payments and timestamps, orders without items or payment.
 *
 * Pure TypeScript: runs in Node and in a browser Web Worker. sf = 1 is about the real size.
 */
import { Random } from './random';
import { CsvSink, int, money, text, timestamp } from './csvWriter';
import { CATEGORIES } from './categories';
import { formatZip } from './geography';
import { PlacePicker } from './places';
import { buildProducts, buildSellers, type Product, type Seller } from './catalog';
import { buildOrders, type Item, type Order, type Person } from './orders';
import { buildPayments, type Payment } from './payments';
import { buildReviews, type Review } from './reviews';
import { GEOLOCATION_HEADER, writeGeolocation } from './geolocation';

export interface OlistFile {
  name: string;
  bytes: Uint8Array;
}

export interface GenerateOlistOptions {
  /** Scale factor: 1 ≈ the real dataset (99,441 orders); must be at least 0.001. */
  sf: number;
  /** PRNG seed; the same {sf, seed} always gives byte-identical files. */
  seed?: number;
  /** Largest part (MAX_PART_SF); smaller only to test parts at a small sf. */
  maxPartSf?: number;
}

export const DEFAULT_SEED = 42;

/** Smallest supported scale factor (about a hundred orders). */
export const MIN_SF = 0.001;

export const OLIST_HEADERS: Readonly<Record<string, readonly string[]>> = {
  'olist_customers_dataset.csv': [
    'customer_id',
    'customer_unique_id',
    'customer_zip_code_prefix',
    'customer_city',
    'customer_state',
  ],
  'olist_geolocation_dataset.csv': GEOLOCATION_HEADER,
  'olist_order_items_dataset.csv': [
    'order_id',
    'order_item_id',
    'product_id',
    'seller_id',
    'shipping_limit_date',
    'price',
    'freight_value',
  ],
  'olist_order_payments_dataset.csv': [
    'order_id',
    'payment_sequential',
    'payment_type',
    'payment_installments',
    'payment_value',
  ],
  'olist_order_reviews_dataset.csv': [
    'review_id',
    'order_id',
    'review_score',
    'review_comment_title',
    'review_comment_message',
    'review_creation_date',
    'review_answer_timestamp',
  ],
  'olist_orders_dataset.csv': [
    'order_id',
    'customer_id',
    'order_status',
    'order_purchase_timestamp',
    'order_approved_at',
    'order_delivered_carrier_date',
    'order_delivered_customer_date',
    'order_estimated_delivery_date',
  ],
  'olist_products_dataset.csv': [
    'product_id',
    'product_category_name',
    'product_name_lenght',
    'product_description_lenght',
    'product_photos_qty',
    'product_weight_g',
    'product_length_cm',
    'product_height_cm',
    'product_width_cm',
  ],
  'olist_sellers_dataset.csv': ['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'],
  'product_category_name_translation.csv': ['product_category_name', 'product_category_name_english'],
};

export const OLIST_FILE_NAMES: readonly string[] = Object.keys(OLIST_HEADERS);

/** Scale factors above this are generated as several independent parts (see streamOlist). */
export const MAX_PART_SF = 3;

/** Receives the files' bytes as they are produced: chunks of one file arrive in order. */
export type OlistChunkWriter = (name: string, bytes: Uint8Array) => void;

/** The nine files, each whole in memory: for the demo and tests (sf up to a few). */
export function generateOlist(options: GenerateOlistOptions): OlistFile[] {
  const chunks = new Map<string, Uint8Array[]>();
  streamOlist(options, (name, bytes) => {
    const list = chunks.get(name) ?? [];
    if (list.length === 0) chunks.set(name, list);
    list.push(bytes);
  });
  return [...chunks].map(([name, parts]) => ({ name, bytes: concat(parts) }));
}

/**
 * Generates the nine files and hands their bytes to `write` in chunks of about a megabyte,
 * in this order: customers, geolocation, items, payments, reviews, orders, products,
 * sellers, translation. Memory stays bounded at any sf: up to MAX_PART_SF the data is one
 * part (the bytes are those of every earlier version); above it, ceil(sf / MAX_PART_SF)
 * parts of equal size, each a self-contained shop with its own seed (fork `part-k`) whose
 * rows are appended to the same nine files (one header each), so a part's orders,
 * products and geolocation are in memory only while that part is written. Ids are random
 * 32-hex strings, so parts never share one; every rare quirk shows up in every part.
 */
export function streamOlist(options: GenerateOlistOptions, write: OlistChunkWriter): void {
  const { sf } = options;
  if (!Number.isFinite(sf) || sf < MIN_SF) {
    throw new RangeError(`sf must be a number >= ${MIN_SF}, got ${sf}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const maxPart = options.maxPartSf ?? MAX_PART_SF;
  const parts = sf <= maxPart ? 1 : Math.ceil(sf / maxPart);
  for (let k = 0; k < parts; k++) {
    const root = parts === 1 ? new Random(seed) : new Random(seed).fork(`part-${k}`);
    writePart(root, sf / parts, write, k === 0);
  }
  write('product_category_name_translation.csv', translationBytes());
}

function writePart(root: Random, sf: number, write: OlistChunkWriter, withHeaders: boolean): void {
  const sinkFor = (name: string): CsvSink => {
    const sink = new CsvSink((bytes) => write(name, bytes));
    if (withHeaders) sink.header(OLIST_HEADERS[name]!);
    return sink;
  };
  const places = new PlacePicker(root.fork('places'));
  const sellers = buildSellers(root.fork('sellers'), places, sf);
  const products = buildProducts(root.fork('products'), sf, sellers.length);
  const { persons, orders, items } = buildOrders(root.fork('orders'), sf, places, sellers, products);
  const payments = buildPayments(root.fork('payments'), sf, orders);
  const reviews = buildReviews(root.fork('reviews'), sf, orders);

  writeCustomers(sinkFor('olist_customers_dataset.csv'), root.fork('customers-order'), orders, persons).finish();
  const geo = sinkFor('olist_geolocation_dataset.csv');
  writeGeolocation(root.fork('geolocation'), sf, places, geo);
  geo.finish();
  writeItems(sinkFor('olist_order_items_dataset.csv'), items, orders, products, sellers).finish();
  writePayments(sinkFor('olist_order_payments_dataset.csv'), payments, orders).finish();
  writeReviews(sinkFor('olist_order_reviews_dataset.csv'), reviews, orders).finish();
  writeOrders(sinkFor('olist_orders_dataset.csv'), orders).finish();
  writeProducts(sinkFor('olist_products_dataset.csv'), products).finish();
  writeSellers(sinkFor('olist_sellers_dataset.csv'), sellers).finish();
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

function writeCustomers(sink: CsvSink, r: Random, orders: readonly Order[], persons: readonly Person[]): CsvSink {
  for (const oi of r.shuffle(orders.map((_, i) => i))) {
    const o = orders[oi]!;
    const p = persons[o.person]!;
    sink.row(
      text(o.customerId) +
        ',' +
        text(p.uniqueId) +
        ',' +
        text(formatZip(p.place.zip)) +
        ',' +
        text(p.place.city.name) +
        ',' +
        p.place.state.uf,
    );
  }
  return sink;
}

function writeOrders(sink: CsvSink, orders: readonly Order[]): CsvSink {
  for (const o of orders) {
    sink.row(
      [
        text(o.id),
        text(o.customerId),
        o.status,
        timestamp(o.purchase),
        timestamp(o.approved),
        timestamp(o.carrier),
        timestamp(o.delivered),
        timestamp(o.estimated),
      ].join(','),
    );
  }
  return sink;
}

function writeItems(
  sink: CsvSink,
  items: readonly Item[],
  orders: readonly Order[],
  products: readonly Product[],
  sellers: readonly Seller[],
): CsvSink {
  // The real file is sorted by order_id, then order_item_id.
  const sorted = items.slice().sort((a, b) => {
    const x = orders[a.order]!.id;
    const y = orders[b.order]!.id;
    return x < y ? -1 : x > y ? 1 : a.itemId - b.itemId;
  });
  for (const it of sorted) {
    sink.row(
      [
        text(orders[it.order]!.id),
        it.itemId,
        text(products[it.product]!.id),
        text(sellers[it.seller]!.id),
        timestamp(it.shippingLimit),
        money(it.priceCents),
        money(it.freightCents),
      ].join(','),
    );
  }
  return sink;
}

function writePayments(sink: CsvSink, payments: readonly Payment[], orders: readonly Order[]): CsvSink {
  for (const p of payments) {
    sink.row(
      text(orders[p.order]!.id) + ',' + p.sequential + ',' + p.type + ',' + p.installments + ',' + money(p.valueCents),
    );
  }
  return sink;
}

function writeReviews(sink: CsvSink, reviews: readonly Review[], orders: readonly Order[]): CsvSink {
  for (const v of reviews) {
    sink.row(
      [
        text(v.id),
        text(orders[v.order]!.id),
        v.score,
        text(v.title),
        text(v.message),
        timestamp(v.creation),
        timestamp(v.answer),
      ].join(','),
    );
  }
  return sink;
}

function writeProducts(sink: CsvSink, products: readonly Product[]): CsvSink {
  for (const p of products) {
    sink.row(
      [
        text(p.id),
        text(p.category),
        int(p.nameLength),
        int(p.descriptionLength),
        int(p.photos),
        int(p.weightG),
        int(p.lengthCm),
        int(p.heightCm),
        int(p.widthCm),
      ].join(','),
    );
  }
  return sink;
}

function writeSellers(sink: CsvSink, sellers: readonly Seller[]): CsvSink {
  for (const s of sellers) {
    sink.row(text(s.id) + ',' + text(formatZip(s.place.zip)) + ',' + text(s.cityText) + ',' + s.place.state.uf);
  }
  return sink;
}

/** The translation table: UTF-8 BOM, unquoted header, CRLF, no final newline, 71 rows. */
function translationBytes(): Uint8Array {
  const lines = ['product_category_name,product_category_name_english'];
  for (const c of CATEGORIES) if (c.inTranslationTable) lines.push(`${c.name},${c.english}`);
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n'));
}
