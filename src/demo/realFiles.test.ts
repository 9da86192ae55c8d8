import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { OlistFile } from './generateOlist';
import type { Field } from './testing/parseCsv';
import { count, expectAll, table, type Table } from './testing/olistTables';
import { file, MONEY, t } from './testing/olistSample';

// The generator against the four real Kaggle files, when they are around.

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
