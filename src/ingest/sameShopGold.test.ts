import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Int32, ObjectId, serialize } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';
import { GOLD, MODELS, snapshot, type Row } from '../pipeline/models/testHarness';
import { runPipeline } from '../pipeline/runner';
import type { InputFile } from './inputFile';
import { loadFiles } from './loadFiles';

/**
 * The same shop as a dump, as CSVs, and in pieces (Mongo + dump + CSV) must give identical
 * gold (issues 4 and 5). The CSVs are
 * made here from the server's own `--tab` data files (tab/*.txt, written by MariaDB),
 * not from anything our dump reader produced, with the Olist file names and headers.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/mysql');

const OLIST_CSVS: Record<string, { file: string; header: string[] }> = {
  customers: { file: 'olist_customers_dataset.csv', header: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix', 'customer_city', 'customer_state'] },
  orders: {
    file: 'olist_orders_dataset.csv',
    header: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date', 'order_estimated_delivery_date'],
  },
  order_items: { file: 'olist_order_items_dataset.csv', header: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'shipping_limit_date', 'price', 'freight_value'] },
  order_payments: { file: 'olist_order_payments_dataset.csv', header: ['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'] },
  order_reviews: {
    file: 'olist_order_reviews_dataset.csv',
    header: ['review_id', 'order_id', 'review_score', 'review_comment_title', 'review_comment_message', 'review_creation_date', 'review_answer_timestamp'],
  },
  products: {
    file: 'olist_products_dataset.csv',
    header: ['product_id', 'product_category_name', 'product_name_lenght', 'product_description_lenght', 'product_photos_qty', 'product_weight_g', 'product_length_cm', 'product_height_cm', 'product_width_cm'],
  },
  sellers: { file: 'olist_sellers_dataset.csv', header: ['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'] },
  product_category_name_translation: { file: 'product_category_name_translation.csv', header: ['product_category_name', 'product_category_name_english'] },
};

/** INTO OUTFILE text → CSV: `\N` is NULL (an empty field), `\x` is x (or a control character). */
function tabToCsv(txt: string, header: string[]): string {
  const control: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };
  const rows = txt.replace(/\n$/, '').split(/(?<!\\)\n/);
  const csv = rows.map((row) =>
    row.split(/(?<!\\)\t/).map((field) => {
      if (field === '\\N') return '';
      const value = field.replace(/\\(.)/gs, (_, c: string) => control[c] ?? c);
      return `"${value.replaceAll('"', '""')}"`;
    }).join(','),
  );
  return [header.join(','), ...csv].join('\n') + '\n';
}

/** The records of a CSV made by tabToCsv: "" is '', an empty field is NULL. */
function csvRows(csv: string): (string | null)[][] {
  return csv.trimEnd().split('\n').slice(1).map((line) =>
    [...line.matchAll(/"((?:[^"]|"")*)"|(?<=^|,)(?=,|$)/g)].map((m) => (m[1] === undefined ? null : m[1].replaceAll('""', '"'))));
}

async function goldOf(engine: Engine, files: InputFile[]): Promise<Map<string, Row[]>> {
  const report = await loadFiles(engine, files);
  expect(report.errors).toEqual([]);
  const run = await runPipeline(engine, MODELS);
  expect(run.models.filter((m) => m.status === 'failed')).toEqual([]);
  return snapshot(engine, GOLD);
}

describe('a dump and CSVs of the same shop', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('give identical gold, table by table, through the real runner', async () => {
    const csvs: InputFile[] = Object.entries(OLIST_CSVS).map(([table, { file, header }]) => ({
      path: `csv/${file}`,
      bytes: new TextEncoder().encode(tabToCsv(readFileSync(join(FIXTURES, 'tab', `${table}.txt`), 'utf8'), header)),
    }));
    const fromCsv = await goldOf(engine, csvs);
    await engine.exec('DROP SCHEMA bronze CASCADE; DROP SCHEMA silver CASCADE; DROP SCHEMA gold CASCADE; DROP SCHEMA quarantine CASCADE');
    const fromDump = await goldOf(engine, [{ path: 'default.sql', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'default.sql'))) }]);

    expect([...fromDump.keys()]).toEqual([...fromCsv.keys()]);
    for (const [table, rows] of fromCsv) expect(fromDump.get(table), table).toEqual(rows);
    // Not an empty comparison: the shop has revenue in every gold table.
    expect(fromCsv.get('gold.order_facts')).toHaveLength(40);
    expect(fromCsv.get('gold.customer_ltv')!.length).toBeGreaterThan(30);
    expect(fromCsv.get('gold.delivery_performance')).toHaveLength(33);
  });

  it('give the same gold when the shop comes in pieces: Mongo products and categories, a dump, a CSV', async () => {
    const csvOf = (table: string) => tabToCsv(readFileSync(join(FIXTURES, 'tab', `${table}.txt`), 'utf8'), OLIST_CSVS[table]!.header);
    await engine.exec('DROP SCHEMA IF EXISTS bronze CASCADE; DROP SCHEMA IF EXISTS silver CASCADE; DROP SCHEMA IF EXISTS gold CASCADE; DROP SCHEMA IF EXISTS quarantine CASCADE');
    const allCsv = await goldOf(engine, Object.keys(OLIST_CSVS).map((t) => ({ path: `csv/${OLIST_CSVS[t]!.file}`, bytes: new TextEncoder().encode(csvOf(t)) })));
    await engine.exec('DROP SCHEMA bronze CASCADE; DROP SCHEMA silver CASCADE; DROP SCHEMA gold CASCADE; DROP SCHEMA quarantine CASCADE');

    // The dump with only the order tables, cut from the real dump at its table headers.
    const dump = readFileSync(join(FIXTURES, 'default.sql'), 'latin1');
    const sections = dump.split(/(?=--\n-- (?:Temporary table structure for view|Table structure for table) `)/);
    const keep = ['customers', 'orders', 'order_items', 'order_reviews', 'sellers'];
    const orderTables = [sections[0]!, ...sections.filter((x) => keep.some((t) => x.includes(`Table structure for table \`${t}\``)))].join('');
    // Products and the category translation as mongodump collections; numbers as Int32.
    const documents = (table: string) => csvRows(csvOf(table)).map((row) =>
      Object.fromEntries(row.map((v, i) => [OLIST_CSVS[table]!.header[i]!, v === null ? null : /_(lenght|qty|_g|cm)$|_g$|_cm$/.test(OLIST_CSVS[table]!.header[i]!) ? new Int32(Number(v)) : v])));
    const bsonFile = (docs: object[]) => new Uint8Array(Buffer.concat(docs.map((d) => serialize({ _id: new ObjectId(), ...d }))));
    const mixed = await goldOf(engine, [
      { path: 'shop/orders.sql', bytes: new Uint8Array(Buffer.from(orderTables, 'latin1')) },
      { path: 'mongo/shop/products.bson', bytes: bsonFile(documents('products')) },
      { path: 'mongo/shop/product_categories.bson', bytes: bsonFile(documents('product_category_name_translation')) },
      { path: 'csv/olist_order_payments_dataset.csv', bytes: new TextEncoder().encode(csvOf('order_payments')) },
    ]);
    const formats = await engine.query(`SELECT DISTINCT _source_kind AS k FROM bronze.products UNION ALL SELECT DISTINCT _source_kind FROM bronze.orders UNION ALL SELECT DISTINCT _source_kind FROM bronze.order_payments UNION ALL SELECT DISTINCT _source_kind FROM bronze.category_translation`);
    expect(formats.toArray().map((r) => r.k)).toEqual(['mongo', 'mysql', 'csv', 'mongo']);
    for (const [table, rows] of allCsv) expect(mixed.get(table), table).toEqual(rows);
    expect(allCsv.get('gold.revenue_by_category')!.length).toBeGreaterThan(5);
  });

  it('the --tab export (schema .sql + data .txt per table) gives the same bronze as the dump', async () => {
    const digest = async () => {
      const out: Record<string, unknown> = {};
      const tables = await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'bronze' ORDER BY 1`);
      for (const t of tables.toArray()) {
        const r = await engine.query(`SELECT list(t ORDER BY _row)::VARCHAR AS v FROM (SELECT * EXCLUDE (_source, _loaded_at) FROM bronze."${t.table_name}") AS t`);
        out[String(t.table_name)] = r.get(0)?.v;
      }
      return out;
    };
    await engine.exec('DROP SCHEMA IF EXISTS bronze CASCADE');
    await loadFiles(engine, [{ path: 'default.sql', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'default.sql'))) }]);
    const fromDump = await digest();
    await engine.exec('DROP SCHEMA bronze CASCADE');
    const tab = readdirSync(join(FIXTURES, 'tab')).map((name) => ({ path: `tab/${name}`, bytes: new Uint8Array(readFileSync(join(FIXTURES, 'tab', name))) }));
    const report = await loadFiles(engine, tab);
    expect(report.errors).toEqual([]);
    expect(report.sources.map((s) => [s.source, s.rows, s.file])).toContainEqual(['orders', 40, 'tab/orders.sql']);
    expect(await digest()).toEqual(fromDump);
    expect(report.notes).toContainEqual({ file: 'tab/delivered_orders.sql', message: 'view delivered_orders skipped: a view holds no rows' });
  });
});
