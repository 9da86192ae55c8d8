import { describe, it, expect } from 'vitest';
import { generateOlist } from './generateOlist';
import { byName, decoder } from './testing/olistTables';
import { file, files, SF, t } from './testing/olistSample';

// The generator's determinism, file names, header lines, line ends and row counts.

const HEADERS: Record<string, string> = {
  'olist_customers_dataset.csv':
    '"customer_id","customer_unique_id","customer_zip_code_prefix","customer_city","customer_state"',
  'olist_geolocation_dataset.csv':
    '"geolocation_zip_code_prefix","geolocation_lat","geolocation_lng","geolocation_city","geolocation_state"',
  'olist_orders_dataset.csv':
    '"order_id","customer_id","order_status","order_purchase_timestamp","order_approved_at","order_delivered_carrier_date","order_delivered_customer_date","order_estimated_delivery_date"',
  'olist_order_items_dataset.csv':
    '"order_id","order_item_id","product_id","seller_id","shipping_limit_date","price","freight_value"',
  'olist_order_payments_dataset.csv':
    '"order_id","payment_sequential","payment_type","payment_installments","payment_value"',
  'olist_order_reviews_dataset.csv':
    '"review_id","order_id","review_score","review_comment_title","review_comment_message","review_creation_date","review_answer_timestamp"',
  'olist_products_dataset.csv':
    '"product_id","product_category_name","product_name_lenght","product_description_lenght","product_photos_qty","product_weight_g","product_length_cm","product_height_cm","product_width_cm"',
  'olist_sellers_dataset.csv': '"seller_id","seller_zip_code_prefix","seller_city","seller_state"',
  'product_category_name_translation.csv': '\uFEFFproduct_category_name,product_category_name_english',
};

const REAL = {
  orders: 99441,
  items: 112650,
  payments: 103886,
  reviews: 99224,
  customers: 99441,
  customerUniqueIds: 96096,
  products: 32951,
  sellers: 3095,
  geolocation: 1000163,
};

function firstLine(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  // TextDecoder drops a leading BOM by default; put it back for byte-for-byte comparisons.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
  return bom + text.split(/\r?\n/, 1)[0]!;
}

describe('generateOlist: determinism and file set', () => {
  it('gives byte-identical output for the same sf and seed', () => {
    const again = byName(generateOlist({ sf: SF, seed: 42 }));
    for (const f of files) expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(again[f.name]!.bytes)), f.name).toBe(0);
  });

  it('gives different output for a different seed', () => {
    const other = byName(generateOlist({ sf: SF, seed: 7 }));
    for (const f of files) {
      if (f.name === 'product_category_name_translation.csv') continue; // reference data
      expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(other[f.name]!.bytes)), f.name).not.toBe(0);
    }
  });

  it('produces exactly the nine Kaggle file names', () => {
    expect(files.map((f) => f.name).sort()).toEqual(Object.keys(HEADERS).sort());
  });

  it('writes the exact Kaggle header lines', () => {
    for (const [name, header] of Object.entries(HEADERS)) expect(firstLine(file[name]!.bytes), name).toBe(header);
  });

  it('rejects a scale factor that is too small', () => {
    expect(() => generateOlist({ sf: 0 })).toThrow(RangeError);
  });

  it('scales every count linearly (within 2% of sf × real counts)', () => {
    const expectNear = (actual: number, real: number, what: string) =>
      expect(Math.abs(actual - real * SF), `${what}: ${actual} vs ${real * SF}`).toBeLessThanOrEqual(real * SF * 0.02);
    expectNear(t.orders.records.length, REAL.orders, 'orders');
    expectNear(t.items.records.length, REAL.items, 'items');
    expectNear(t.payments.records.length, REAL.payments, 'payments');
    expectNear(t.reviews.records.length, REAL.reviews, 'reviews');
    expectNear(t.customers.records.length, REAL.customers, 'customers');
    expectNear(new Set(t.customers.column('customer_unique_id')).size, REAL.customerUniqueIds, 'unique customers');
    expectNear(t.products.records.length, REAL.products, 'products');
    expectNear(t.sellers.records.length, REAL.sellers, 'sellers');
    expectNear(t.geolocation.records.length, REAL.geolocation, 'geolocation');
    expect(t.translation.records.length).toBe(71);
  });

  it('uses LF line endings with a final newline and no BOM in the eight data files', () => {
    for (const f of files) {
      if (f.name === 'product_category_name_translation.csv') continue;
      expect(f.bytes[0], f.name).not.toBe(0xef);
      expect(f.bytes[f.bytes.length - 1], f.name).toBe(0x0a);
      if (f.name !== 'olist_order_reviews_dataset.csv') expect(f.bytes.includes(0x0d), f.name).toBe(false);
    }
    // In the reviews, CR only ever appears inside quoted comments.
    const raw = decoder.decode(file['olist_order_reviews_dataset.csv']!.bytes);
    const crs = (s: string) => s.split('\r').length - 1;
    const inside = t.reviews.rows.reduce((n, r) => n + r.reduce((m, f) => m + crs(f.value), 0), 0);
    expect(inside).toBeGreaterThan(0);
    expect(crs(raw)).toBe(inside);
  });
});
