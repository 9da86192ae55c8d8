import { expect } from 'vitest';
import type { OlistFile } from '../generateOlist';
import { parseCsv, type Field } from './parseCsv';

// Olist CSV files as tables of fields, and assertion helpers for the generator tests.

export interface Table {
  header: string[];
  rows: Field[][];
  /** Records as column → value. */
  records: Record<string, string>[];
  column(name: string): string[];
  fields(name: string): Field[];
}

export const decoder = new TextDecoder();

export function table(file: OlistFile): Table {
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

export function byName(files: OlistFile[]): Record<string, OlistFile> {
  return Object.fromEntries(files.map((f) => [f.name, f]));
}

export function tables(files: OlistFile[]) {
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

export const count = <T,>(xs: readonly T[], test: (x: T) => boolean) => xs.reduce((n, x) => n + (test(x) ? 1 : 0), 0);

/** One assertion over many values (per-value expect calls are slow on 100k rows). */
export function expectAll<T>(xs: readonly T[], test: (x: T) => boolean, label: string): void {
  const failures = xs.filter((x) => !test(x)).slice(0, 5);
  expect(failures, label).toEqual([]);
}
