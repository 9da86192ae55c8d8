import { describe, it, expect } from 'vitest';
import { generateOlist } from './generateOlist';
import { count, decoder, expectAll, tables } from './testing/olistTables';
import { file, SF, t } from './testing/olistSample';

// The quirks of the real Olist files that the generator reproduces, on the default seed and on others.

const ID_COLUMNS: Record<string, string[]> = {
  customers: ['customer_id', 'customer_unique_id'],
  items: ['order_id', 'product_id', 'seller_id'],
  payments: ['order_id'],
  reviews: ['review_id', 'order_id'],
  orders: ['order_id', 'customer_id'],
  products: ['product_id'],
  sellers: ['seller_id'],
};

function isOutsideBrazil(lat: number, lng: number): boolean {
  return lat < -34 || lat > 6 || lng < -74 || lng > -34;
}

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
