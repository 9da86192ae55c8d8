import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { generateOlist, type OlistFile } from './generateOlist';

// ---------------------------------------------------------------------------------------------
// A small RFC 4180 parser that also remembers which fields were quoted.

interface Field {
  value: string;
  quoted: boolean;
}

function parseCsv(text: string): Field[][] {
  const rows: Field[][] = [];
  let row: Field[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  if (i >= n) return rows;
  for (;;) {
    let value: string;
    let quoted = false;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: up to the closing quote, "" standing for one quote.
      quoted = true;
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new Error(`quote inside an unquoted field at ${j}`);
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push({ value, quoted });
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === 44) {
      i++;
      continue;
    }
    if (c !== -1 && c !== 10 && c !== 13) throw new Error(`unexpected character after a field at ${i}`);
    rows.push(row);
    row = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    i++;
    if (i >= n) return rows;
  }
}

interface Table {
  header: string[];
  rows: Field[][];
  /** Records as column → value. */
  records: Record<string, string>[];
  column(name: string): string[];
  fields(name: string): Field[];
}

const decoder = new TextDecoder();

function table(file: OlistFile): Table {
  const [head, ...rows] = parseCsv(decoder.decode(file.bytes));
  const header = head!.map((f) => f.value);
  expectAll(rows, (r) => r.length === header.length, `${file.name}: field count`);
  const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!.value])));
  return {
    header,
    rows,
    records,
    column: (name) => records.map((r) => r[name]!),
    fields: (name) => {
      const i = header.indexOf(name);
      expect(i, `${file.name} has ${name}`).toBeGreaterThanOrEqual(0);
      return rows.map((r) => r[i]!);
    },
  };
}

function byName(files: OlistFile[]): Record<string, OlistFile> {
  return Object.fromEntries(files.map((f) => [f.name, f]));
}

function tables(files: OlistFile[]) {
  const f = byName(files);
  return {
    customers: table(f['olist_customers_dataset.csv']!),
    geolocation: table(f['olist_geolocation_dataset.csv']!),
    items: table(f['olist_order_items_dataset.csv']!),
    payments: table(f['olist_order_payments_dataset.csv']!),
    reviews: table(f['olist_order_reviews_dataset.csv']!),
    orders: table(f['olist_orders_dataset.csv']!),
    products: table(f['olist_products_dataset.csv']!),
    sellers: table(f['olist_sellers_dataset.csv']!),
    translation: table(f['product_category_name_translation.csv']!),
  };
}

const count = <T,>(xs: readonly T[], test: (x: T) => boolean) => xs.reduce((n, x) => n + (test(x) ? 1 : 0), 0);

/** One assertion over many values (per-value expect calls are slow on 100k rows). */
function expectAll<T>(xs: readonly T[], test: (x: T) => boolean, label: string): void {
  const failures = xs.filter((x) => !test(x)).slice(0, 5);
  expect(failures, label).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

const SF = 0.01;
const files = generateOlist({ sf: SF });
const file = byName(files);
const t = tables(files);

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

const ID_COLUMNS: Record<string, string[]> = {
  customers: ['customer_id', 'customer_unique_id'],
  items: ['order_id', 'product_id', 'seller_id'],
  payments: ['order_id'],
  reviews: ['review_id', 'order_id'],
  orders: ['order_id', 'customer_id'],
  products: ['product_id'],
  sellers: ['seller_id'],
};

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
const MONEY = /^\d+\.\d\d$/;

function firstLine(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  // TextDecoder drops a leading BOM by default; put it back for byte-for-byte comparisons.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
  return bom + text.split(/\r?\n/, 1)[0]!;
}

function isOutsideBrazil(lat: number, lng: number): boolean {
  return lat < -34 || lat > 6 || lng < -74 || lng > -34;
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

describe('generateOlist: the real quirks', () => {
  it('1. translation file: BOM, CRLF, no final newline, unquoted; two categories missing', () => {
    const bytes = file['product_category_name_translation.csv']!.bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decoder.decode(bytes);
    expect(text.endsWith('\n')).toBe(false);
    expect(text.split('\n')).toHaveLength(72);
    expect(text.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect(text.includes('"')).toBe(false);

    const translated = new Set(t.translation.column('product_category_name'));
    expect(translated.size).toBe(71);
    const used = new Set(t.products.column('product_category_name').filter((c) => c !== ''));
    const untranslated = [...used].filter((c) => !translated.has(c)).sort();
    expect(untranslated).toEqual(['pc_gamer', 'portateis_cozinha_e_preparadores_de_alimentos']);
  });

  it('2. ids are quoted exactly when they start with a digit; zip prefixes are quoted 5-digit text', () => {
    for (const [key, columns] of Object.entries(ID_COLUMNS)) {
      for (const column of columns) {
        const fields = t[key as keyof typeof t].fields(column);
        expectAll(fields, (f) => /^[0-9a-f]{32}$/.test(f.value), `${key}.${column} is 32 hex digits`);
        expectAll(fields, (f) => f.quoted === /^[0-9]/.test(f.value), `${key}.${column} quoted iff it starts with a digit`);
        expect(count(fields, (f) => f.quoted), `${key}.${column} some quoted`).toBeGreaterThan(0);
        expect(count(fields, (f) => !f.quoted), `${key}.${column} some unquoted`).toBeGreaterThan(0);
      }
    }
    for (const [key, column] of [
      ['customers', 'customer_zip_code_prefix'],
      ['sellers', 'seller_zip_code_prefix'],
      ['geolocation', 'geolocation_zip_code_prefix'],
    ] as const) {
      const fields = t[key].fields(column);
      expectAll(fields, (f) => /^\d{5}$/.test(f.value) && f.quoted, `${column} is quoted 5-digit text`);
      expect(count(fields, (f) => f.value.startsWith('0')), `${column} with a leading zero`).toBeGreaterThan(0);
    }
    // Numbers and timestamps are never quoted.
    for (const f of [
      ...t.items.fields('price'),
      ...t.items.fields('freight_value'),
      ...t.items.fields('shipping_limit_date'),
      ...t.payments.fields('payment_value'),
      ...t.orders.fields('order_purchase_timestamp'),
      ...t.geolocation.fields('geolocation_lat'),
      ...t.products.fields('product_weight_g'),
      ...t.reviews.fields('review_score'),
    ]) {
      if (f.quoted) expect(f.value, 'numbers and timestamps are not quoted').toBe(null);
    }
  });

  it('3. keeps the misspelled product columns', () => {
    expect(t.products.header).toContain('product_name_lenght');
    expect(t.products.header).toContain('product_description_lenght');
    expect(t.products.header).not.toContain('product_name_length');
  });

  it('4. ~2% of products have no category, and then no name/description length nor photo count', () => {
    const missing = t.products.records.filter((p) => p.product_category_name === '');
    const fraction = missing.length / t.products.records.length;
    expect(fraction).toBeGreaterThan(0.012);
    expect(fraction).toBeLessThan(0.026);
    for (const p of missing) {
      expect(p.product_name_lenght).toBe('');
      expect(p.product_description_lenght).toBe('');
      expect(p.product_photos_qty).toBe('');
    }
    for (const p of t.products.records.filter((p) => p.product_category_name !== '')) {
      expect(p.product_name_lenght).toMatch(/^\d+$/);
      expect(p.product_photos_qty).toMatch(/^\d+$/);
    }
    // The real file also has a product with everything but its id empty.
    expect(count(t.products.records, (p) => Object.values(p).filter((v) => v === '').length === 8)).toBeGreaterThan(0);
  });

  it('5. review comments span lines and embed quotes; some review ids repeat on other orders', () => {
    const messages = t.reviews.column('review_comment_message');
    expect(count(messages, (m) => m.includes('\n'))).toBeGreaterThan(0);
    expect(count(messages, (m) => m.includes('"'))).toBeGreaterThan(0);
    const raw = decoder.decode(file['olist_order_reviews_dataset.csv']!.bytes);
    expect(raw.split('\n').length - 2).toBeGreaterThan(t.reviews.records.length); // physical lines > records
    expect(raw).toMatch(/""/);

    const ordersById = new Map<string, Set<string>>();
    for (const r of t.reviews.records) {
      const set = ordersById.get(r.review_id) ?? new Set();
      set.add(r.order_id);
      ordersById.set(r.review_id, set);
    }
    const repeated = [...ordersById.values()].filter((s) => s.size > 1);
    expect(repeated.length).toBeGreaterThan(0);
    const duplicateRows = t.reviews.records.length - ordersById.size;
    expect(duplicateRows).toBeGreaterThanOrEqual(1);
    expect(duplicateRows).toBeLessThanOrEqual(Math.ceil(814 * SF * 1.5));
  });

  it('6. ~26% exact-duplicate geolocation rows and a few points outside Brazil', () => {
    const lines = decoder.decode(file['olist_geolocation_dataset.csv']!.bytes).split('\n').slice(1, -1);
    expect(lines).toHaveLength(t.geolocation.records.length);
    const duplicateFraction = (lines.length - new Set(lines).size) / lines.length;
    expect(duplicateFraction).toBeGreaterThan(0.23);
    expect(duplicateFraction).toBeLessThan(0.29);
    const outside = count(t.geolocation.records, (g) =>
      isOutsideBrazil(Number(g.geolocation_lat), Number(g.geolocation_lng)),
    );
    expect(outside).toBeGreaterThanOrEqual(1);
    expect(outside).toBeLessThan(t.geolocation.records.length * 0.001 + 2);
  });

  it('7. delivered orders without a delivered date, and timestamps out of order', () => {
    const delivered = t.orders.records.filter((o) => o.order_status === 'delivered');
    expect(count(delivered, (o) => o.order_delivered_customer_date === '')).toBeGreaterThanOrEqual(1);
    expect(count(delivered, (o) => o.order_delivered_customer_date === '')).toBeLessThanOrEqual(Math.max(1, 8 * SF * 2));
    const before = (a: string, b: string) => a !== '' && a < b;
    expect(count(t.orders.records, (o) => before(o.order_delivered_customer_date!, o.order_purchase_timestamp!))).toBeGreaterThanOrEqual(1);
    expect(count(t.orders.records, (o) => before(o.order_approved_at!, o.order_purchase_timestamp!))).toBeGreaterThanOrEqual(1);
  });

  it('8. not_defined payments worth 0.00 and payments with 0 installments', () => {
    const notDefined = t.payments.records.filter((p) => p.payment_type === 'not_defined');
    expect(notDefined.length).toBeGreaterThanOrEqual(1);
    expect(notDefined.length).toBeLessThanOrEqual(3);
    for (const p of notDefined) expect(p.payment_value).toBe('0.00');
    expect(count(t.payments.records, (p) => p.payment_installments === '0')).toBeGreaterThanOrEqual(1);
    expect(new Set(t.payments.column('payment_type'))).toEqual(
      new Set(['credit_card', 'boleto', 'voucher', 'debit_card', 'not_defined']),
    );
  });

  it('9. orders without items (mostly canceled/unavailable) and exactly one order without payment', () => {
    const withItems = new Set(t.items.column('order_id'));
    const without = t.orders.records.filter((o) => !withItems.has(o.order_id!));
    expect(without.length).toBeGreaterThanOrEqual(Math.round(775 * SF * 0.8));
    expect(without.length).toBeLessThanOrEqual(Math.round(775 * SF * 1.6));
    const cancelledOrUnavailable = count(without, (o) => ['canceled', 'unavailable'].includes(o.order_status!));
    expect(cancelledOrUnavailable / without.length).toBeGreaterThan(0.5);
    expect(cancelledOrUnavailable).toBeLessThan(without.length); // a few other statuses too
    const paid = new Set(t.payments.column('order_id'));
    expect(count(t.orders.records, (o) => !paid.has(o.order_id!))).toBe(1);
  });

  it('10. order status distribution like the real one', () => {
    const statuses = t.orders.column('order_status');
    const share = (s: string) => count(statuses, (x) => x === s) / statuses.length;
    expect(share('delivered')).toBeGreaterThan(0.95);
    expect(share('delivered')).toBeLessThan(0.985);
    expect(share('shipped')).toBeGreaterThan(0.005);
    expect(share('shipped')).toBeLessThan(0.02);
    for (const s of ['canceled', 'unavailable', 'invoiced', 'processing', 'created', 'approved']) {
      expect(share(s), s).toBeGreaterThan(0);
      expect(share(s), s).toBeLessThan(0.012);
    }
  });
});

describe('generateOlist: referential shape', () => {
  it('links items, payments and reviews to existing orders, products and sellers', () => {
    const orders = new Set(t.orders.column('order_id'));
    expect(orders.size).toBe(t.orders.records.length);
    const products = new Set(t.products.column('product_id'));
    const sellers = new Set(t.sellers.column('seller_id'));
    for (const i of t.items.records) {
      expect(orders.has(i.order_id!)).toBe(true);
      expect(products.has(i.product_id!)).toBe(true);
      expect(sellers.has(i.seller_id!)).toBe(true);
    }
    for (const p of t.payments.records) expect(orders.has(p.order_id!)).toBe(true);
    for (const r of t.reviews.records) expect(orders.has(r.order_id!)).toBe(true);
    // Every product and every seller is sold at least once.
    expect(new Set(t.items.column('product_id')).size).toBe(products.size);
    expect(new Set(t.items.column('seller_id')).size).toBe(sellers.size);
  });

  it('has one customer row per order, with repeat buyers sharing customer_unique_id', () => {
    const customerIds = t.customers.column('customer_id');
    expect(new Set(customerIds).size).toBe(customerIds.length);
    expect(new Set(customerIds)).toEqual(new Set(t.orders.column('customer_id')));
    const unique = new Set(t.customers.column('customer_unique_id'));
    expect(unique.size).toBeLessThan(customerIds.length);
  });

  it('numbers order items 1..n and pays for them (payments ≈ price + freight)', () => {
    const items = new Map<string, { ids: number[]; total: number }>();
    for (const i of t.items.records) {
      const entry = items.get(i.order_id!) ?? { ids: [], total: 0 };
      entry.ids.push(Number(i.order_item_id));
      entry.total += Number(i.price) + Number(i.freight_value);
      items.set(i.order_id!, entry);
      expect(i.price).toMatch(MONEY);
      expect(i.freight_value).toMatch(MONEY);
    }
    for (const { ids } of items.values()) expect(ids.sort((a, b) => a - b)).toEqual(ids.map((_, k) => k + 1));
    expect(Math.max(...[...items.values()].map((e) => e.ids.length))).toBeGreaterThan(2);

    const paid = new Map<string, number>();
    for (const p of t.payments.records) {
      expect(p.payment_value).toMatch(MONEY);
      paid.set(p.order_id!, (paid.get(p.order_id!) ?? 0) + Number(p.payment_value));
    }
    let exact = 0;
    let compared = 0;
    for (const [order, { total }] of items) {
      const value = paid.get(order);
      if (value === undefined) continue;
      compared++;
      if (Math.abs(value - total) < 0.005) exact++;
      else expect(value, order).toBeGreaterThanOrEqual(total - 0.005); // interest on installments
    }
    expect(exact / compared).toBeGreaterThan(0.95);
    // Some orders are split over several payment_sequential rows.
    expect(count(t.payments.records, (p) => p.payment_sequential !== '1')).toBeGreaterThan(0);
  });

  it('places customers and sellers at zip prefixes present in geolocation, with matching city and state', () => {
    const places = new Set(
      t.geolocation.records.map((g) => `${g.geolocation_zip_code_prefix}|${g.geolocation_city}|${g.geolocation_state}`),
    );
    const zips = new Set(t.geolocation.column('geolocation_zip_code_prefix'));
    for (const c of t.customers.records) {
      expect(places.has(`${c.customer_zip_code_prefix}|${c.customer_city}|${c.customer_state}`)).toBe(true);
    }
    for (const s of t.sellers.records) expect(zips.has(s.seller_zip_code_prefix!)).toBe(true);
    // A zip prefix always belongs to the same state.
    const stateOf = new Map<string, string>();
    for (const g of t.geolocation.records) {
      const known = stateOf.get(g.geolocation_zip_code_prefix!);
      if (known) expect(g.geolocation_state).toBe(known);
      else stateOf.set(g.geolocation_zip_code_prefix!, g.geolocation_state!);
    }
  });

  it('prints timestamps as YYYY-MM-DD HH:MM:SS between 2016-09 and 2018-10, growing over time', () => {
    const columns = [
      'order_purchase_timestamp',
      'order_approved_at',
      'order_delivered_carrier_date',
      'order_delivered_customer_date',
      'order_estimated_delivery_date',
    ];
    for (const c of columns) for (const v of t.orders.column(c)) if (v !== '') expect(v).toMatch(TIMESTAMP);
    for (const v of t.orders.column('order_estimated_delivery_date')) expect(v.endsWith(' 00:00:00')).toBe(true);
    for (const v of t.reviews.column('review_creation_date')) expect(v).toMatch(/^\d{4}-\d\d-\d\d 00:00:00$/);
    for (const v of t.items.column('shipping_limit_date')) expect(v).toMatch(TIMESTAMP);
    const purchases = t.orders.column('order_purchase_timestamp');
    for (const p of purchases) {
      expect(p >= '2016-09-04').toBe(true);
      expect(p < '2018-10-18').toBe(true);
    }
    const firstHalf2017 = count(purchases, (p) => p >= '2017-01' && p < '2017-07');
    const firstHalf2018 = count(purchases, (p) => p >= '2018-01' && p < '2018-07');
    expect(firstHalf2018).toBeGreaterThan(firstHalf2017 * 1.5);
  });
});

describe('generateOlist: rare quirks survive other seeds', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      const g = tables(generateOlist({ sf: SF, seed }));
      expect(count(g.payments.records, (p) => p.payment_type === 'not_defined')).toBeGreaterThanOrEqual(1);
      expect(count(g.payments.records, (p) => p.payment_installments === '0')).toBeGreaterThanOrEqual(1);
      expect(count(g.reviews.column('review_comment_message'), (m) => m.includes('\n'))).toBeGreaterThanOrEqual(1);
      expect(count(g.reviews.column('review_comment_message'), (m) => m.includes('"'))).toBeGreaterThanOrEqual(1);
      expect(new Set(g.reviews.column('review_id')).size).toBeLessThan(g.reviews.records.length);
      expect(
        count(g.geolocation.records, (r) => isOutsideBrazil(Number(r.geolocation_lat), Number(r.geolocation_lng))),
      ).toBeGreaterThanOrEqual(1);
      const statuses = new Set(g.orders.column('order_status'));
      expect(statuses.size).toBe(8);
      const used = new Set(g.products.column('product_category_name'));
      expect(used.has('pc_gamer') && used.has('portateis_cozinha_e_preparadores_de_alimentos')).toBe(true);
      expect(used.has('')).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Against the four real Kaggle files, when they are around.

const realDir = new URL('../../../shared/data/olist/', import.meta.url);
const realExists = existsSync(realDir);
const readReal = (name: string): OlistFile => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, realDir))) });
const realTables = new Map<string, Table>();
const realTable = (name: string): Table => {
  let tb = realTables.get(name);
  if (!tb) realTables.set(name, (tb = table(readReal(name))));
  return tb;
};

describe('generateOlist against the real Olist files', () => {
  const REAL_FILES = [
    'olist_order_payments_dataset.csv',
    'olist_products_dataset.csv',
    'olist_sellers_dataset.csv',
    'product_category_name_translation.csv',
  ];

  it.skipIf(!realExists)('has byte-identical header lines', () => {
    for (const name of REAL_FILES) {
      const real = readReal(name).bytes;
      const ours = file[name]!.bytes;
      const end = (b: Uint8Array) => b.findIndex((x) => x === 0x0a || x === 0x0d);
      expect(Buffer.from(ours.subarray(0, end(ours))).toString('latin1'), name).toBe(
        Buffer.from(real.subarray(0, end(real))).toString('latin1'),
      );
    }
  });

  it.skipIf(!realExists)('writes the same translation table, with the same bytes', () => {
    const real = readReal('product_category_name_translation.csv').bytes;
    expect(Buffer.compare(Buffer.from(file['product_category_name_translation.csv']!.bytes), Buffer.from(real))).toBe(0);
  });

  it.skipIf(!realExists)('ends lines the same way (LF, final newline) in the data files', () => {
    for (const name of REAL_FILES.slice(0, 3)) {
      const real = readReal(name).bytes;
      const ours = file[name]!.bytes;
      expect(real.includes(0x0d), name).toBe(false);
      expect(ours.includes(0x0d), name).toBe(false);
      expect(real[real.length - 1]).toBe(0x0a);
      expect(ours[ours.length - 1]).toBe(0x0a);
    }
  });

  it.skipIf(!realExists)('quotes ids and zips the same way', () => {
    const checks: Array<[string, string]> = [
      ['olist_order_payments_dataset.csv', 'order_id'],
      ['olist_products_dataset.csv', 'product_id'],
      ['olist_sellers_dataset.csv', 'seller_id'],
    ];
    for (const [name, column] of checks) {
      const real = realTable(name).fields(column);
      const ours = table(file[name]!).fields(column);
      for (const fields of [real, ours]) {
        expectAll(fields, (f) => f.quoted === /^[0-9]/.test(f.value), `${name}: quoted iff it starts with a digit`);
      }
      // About 10 in 16 hex ids start with a digit; allow for sampling noise on small tables.
      const share = (fields: Field[]) => count(fields, (f) => f.quoted) / fields.length;
      const tolerance = 0.05 + 2 * Math.sqrt(0.25 / ours.length);
      expect(Math.abs(share(real) - share(ours)), name).toBeLessThan(tolerance);
    }
    const zips = (tb: Table) => tb.fields('seller_zip_code_prefix');
    for (const tb of [realTable('olist_sellers_dataset.csv'), t.sellers]) {
      expectAll(zips(tb), (f) => f.quoted && /^\d{5}$/.test(f.value), 'seller zip prefixes are quoted 5-digit text');
    }
  });

  it.skipIf(!realExists)('prints numbers the same way and never quotes them', () => {
    const realPayments = realTable('olist_order_payments_dataset.csv');
    for (const tb of [realPayments, t.payments]) {
      expectAll(tb.fields('payment_value'), (f) => !f.quoted && MONEY.test(f.value), 'payment_value like 99.33');
    }
    const realProducts = realTable('olist_products_dataset.csv');
    for (const tb of [realProducts, t.products]) {
      for (const column of tb.header.slice(2)) {
        expectAll(tb.fields(column), (f) => !f.quoted && /^(\d+)?$/.test(f.value), `${column}: unquoted integer or empty`);
      }
    }
  });

  it.skipIf(!realExists)('matches the payment types and the share of products without category', () => {
    const realPayments = realTable('olist_order_payments_dataset.csv');
    expect(new Set(t.payments.column('payment_type'))).toEqual(new Set(realPayments.column('payment_type')));

    const realProducts = realTable('olist_products_dataset.csv');
    const share = (tb: Table) => count(tb.column('product_category_name'), (c) => c === '') / tb.records.length;
    expect(Math.abs(share(realProducts) - share(t.products))).toBeLessThan(0.005);
    // Same shape of those rows: no name/description length nor photo count.
    for (const tb of [realProducts, t.products]) {
      expectAll(
        tb.records.filter((r) => r.product_category_name === ''),
        (p) => p.product_name_lenght === '' && p.product_description_lenght === '' && p.product_photos_qty === '',
        'no category: no name/description length nor photo count',
      );
    }
    // Same set of category names used by products.
    const cats = (tb: Table) => new Set(tb.column('product_category_name').filter((c) => c !== ''));
    const realCats = cats(realProducts);
    for (const c of cats(t.products)) expect(realCats.has(c), c).toBe(true);
  });
});
