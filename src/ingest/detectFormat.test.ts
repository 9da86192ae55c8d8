import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../demo/generateOlist';
import type { Engine } from '../engine/interface';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';
import { detectFormat } from './detectFormat';
import { loadFiles } from './loadFiles';
import { SNIFF_BYTES } from './sniffFormat';

const MYSQL = new URL('../../fixtures/mysql/', import.meta.url);
const MONGO = new URL('../../fixtures/mongo/', import.meta.url);
const read = (base: URL, name: string) => new Uint8Array(readFileSync(new URL(name, base)));
/** Every dump mariadb-dump wrote for the fixtures (fixtures/mysql/README.md), --tab schemas and --xml included. */
const DUMPS = [
  ...readdirSync(MYSQL).filter((f) => f.endsWith('.sql') || f.endsWith('.xml')),
  ...readdirSync(new URL('tab/', MYSQL)).filter((f) => f.endsWith('.sql')).map((f) => `tab/${f}`),
];
const OLIST = generateOlist({ sf: 0.001 });
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectFormat by content, when the name does not say', () => {
  it.each(DUMPS)('a real dump, %s, renamed .dump, .txt or without extension, is a MySQL dump', (name) => {
    const bytes = read(MYSQL, name);
    for (const path of ['shop.dump', 'shop.txt', 'shop', 'backup.2024-01-01']) expect(detectFormat(path, bytes), path).toBe('mysql');
  });

  it('a dump without the tool header, by the statements it starts with after its comments', () => {
    const text = new TextDecoder().decode(read(MYSQL, 'default.sql'));
    const headless = text.split('\n').filter((l) => !/^(\/\*M!999999|-- MariaDB dump)/.test(l)).join('\n');
    expect(headless.startsWith('--\n')).toBe(true);
    expect(detectFormat('shop.dump', utf8(headless))).toBe('mysql');
    expect(detectFormat('t.dump', utf8("# made by hand\n/* a table */\nCREATE TABLE t (a INT, b VARCHAR(10), c INT);\nINSERT INTO t VALUES (1,'x',1);\n"))).toBe('mysql');
  });

  it.each(OLIST.map((f) => f.name))('a generated Olist CSV, %s, renamed .txt or without extension, is a CSV', (name) => {
    const bytes = OLIST.find((f) => f.name === name)!.bytes;
    for (const path of ['export.txt', 'export', 'export.dat']) expect(detectFormat(path, bytes), path).toBe('csv');
  });

  it('a CSV of an unknown table when its lines split alike on one delimiter, tab and semicolon too', () => {
    expect(detectFormat('notes', utf8('id,body,created\n1,"hello, world",2024-01-01\n2,bye,2024-01-02\n'))).toBe('csv');
    expect(detectFormat('notes', utf8('id\tbody\n1\thello\n2\tbye\n'))).toBe('csv');
    expect(detectFormat('notes', utf8('id;body\n1;hello\n'))).toBe('csv');
  });

  it('mongoexport JSON, renamed, is JSON', () => {
    for (const name of ['export/relaxed/products.json', 'export/canonical/mixed_types.json', 'export/array/product_categories.json', 'export/pretty/products.json']) {
      expect(detectFormat('products.export', read(MONGO, name)), name).toBe('json');
    }
  });

  it('what is none of these stays unknown: prose, ragged lines, binary (BSON, gzip); a .txt stays a CSV as before', () => {
    const prose = utf8('This folder holds the exports of March.\nAsk Ana before deleting them, please.\n');
    expect(detectFormat('README-exports', prose)).toBe('unknown');
    expect(detectFormat('notes', utf8('a,b,c\nd,e\n'))).toBe('unknown');
    expect(detectFormat('products.bak', read(MONGO, 'dump/shop/products.bson'))).toBe('unknown');
    expect(detectFormat('shop.dump', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]))).toBe('unknown');
    expect(detectFormat('notes.txt', prose)).toBe('csv');
    // The name wins when it says: a .sql is a dump, a .csv a CSV, whatever they hold.
    expect(detectFormat('shop.csv', read(MYSQL, 'default.sql'))).toBe('csv');
  });

  it('a CSV header line cut where the look ends is not held against it', () => {
    const text = new TextDecoder().decode(OLIST.find((f) => f.name === 'olist_orders_dataset.csv')!.bytes);
    const body = text.slice(text.indexOf('\n') + 1);
    const orders = utf8(text + body.repeat(4));
    expect(orders.length).toBeGreaterThan(SNIFF_BYTES);
    expect(detectFormat('orders', orders.subarray(0, SNIFF_BYTES))).toBe('csv');
  });
});

describe('loading files whose name does not say what they are', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('loads `mysqldump db > db.dump` (streamed, as the CLI and the app read dumps) and an Olist CSV without extension', async () => {
    const dump = read(MYSQL, 'default.sql');
    const orders = OLIST.find((f) => f.name === 'olist_orders_dataset.csv')!.bytes;
    const report = await loadFiles(engine, [
      { path: 'olist_shop.dump', bytes: new Uint8Array(0), stream: { size: dump.length, chunks: async function* () { for (let at = 0; at < dump.length; at += 10_000) yield dump.subarray(at, at + 10_000); } } },
      { path: 'orders', bytes: orders },
    ]);
    expect(report.errors).toEqual([]);
    const rows = (table: string) => report.sources.filter((s) => s.table === table).map((s) => [s.file, s.format, s.rows]);
    expect(rows('bronze.sellers')).toEqual([['olist_shop.dump', 'mysql', 3]]);
    expect(rows('bronze.orders')).toEqual([['olist_shop.dump', 'mysql', 40], ['orders', 'csv', OLIST_ORDERS_ROWS(orders)]]);
  });

  it('refuses a file it cannot tell, naming it and saying what to do', async () => {
    const report = await loadFiles(engine, [{ path: 'exports/notes', bytes: utf8('Ask Ana before deleting them.\n') }]);
    expect(report.errors).toEqual([{ file: 'exports/notes', byteOffset: 0, message: expect.stringMatching(/^unknown file type: .* its start is not a MySQL dump, a JSON export or a CSV\. If it is one of these, give it that extension/) }]);
  });
});

/** Records of a generated CSV (no quoted line breaks in the orders file): its lines minus the header. */
function OLIST_ORDERS_ROWS(bytes: Uint8Array): number {
  return new TextDecoder().decode(bytes).trimEnd().split('\n').length - 1;
}
