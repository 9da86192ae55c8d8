import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { loadFiles } from '../loadFiles';

const utf8 = (s: string) => new TextEncoder().encode(s);
const LOADED_AT = new Date('2026-01-02T03:04:05Z');

describe.each(testEngines)('CSV ingest on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());

  it('loads the translation file as Kaggle ships it: BOM, CRLF, no final newline', async () => {
    const csv = '\ufeffproduct_category_name,product_category_name_english\r\nbeleza_saude,health_beauty\r\npc_gamer,pc_gamer';
    const report = await loadFiles(engine, [{ path: 'product_category_name_translation.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    expect(report.errors).toEqual([]);
    expect(report.sources[0]).toMatchObject({ source: 'category_translation', table: 'bronze.category_translation', rows: 2, recognised: true });
    expect(await rows('SELECT product_category_name, product_category_name_english, _row FROM bronze.category_translation ORDER BY _row')).toEqual([
      { product_category_name: 'beleza_saude', product_category_name_english: 'health_beauty', _row: 1n },
      { product_category_name: 'pc_gamer', product_category_name_english: 'pc_gamer', _row: 2n },
    ]);
  });

  it('keeps text lossless (leading zeros, quoted ids, empty vs missing) and adds the bronze columns', async () => {
    const csv = '"seller_id","seller_zip_code_prefix","seller_city","seller_state"\n"3442f8959a84dea7ee197c632cb2df15","01037",campinas,SP\nd1b65fc7debc3361ea86b5f14c68d2e2,"13844",,""\n';
    await loadFiles(engine, [{ path: 'olist.zip/olist_sellers_dataset.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    expect(await rows('SELECT * FROM bronze.sellers ORDER BY _row')).toEqual([
      { seller_id: '3442f8959a84dea7ee197c632cb2df15', seller_zip_code_prefix: '01037', seller_city: 'campinas', seller_state: 'SP',
        _source: 'olist.zip/olist_sellers_dataset.csv', _source_kind: 'csv', _row: 1n, _loaded_at: LOADED_AT.getTime() },
      { seller_id: 'd1b65fc7debc3361ea86b5f14c68d2e2', seller_zip_code_prefix: '13844', seller_city: null, seller_state: '',
        _source: 'olist.zip/olist_sellers_dataset.csv', _source_kind: 'csv', _row: 2n, _loaded_at: LOADED_AT.getTime() },
    ]);
    const types = await rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema='bronze' AND table_name='sellers' ORDER BY ordinal_position");
    expect(types.map((t) => `${t.column_name}:${t.data_type}`)).toEqual([
      'seller_id:VARCHAR', 'seller_zip_code_prefix:VARCHAR', 'seller_city:VARCHAR', 'seller_state:VARCHAR',
      '_source:VARCHAR', '_source_kind:VARCHAR', '_row:BIGINT', '_loaded_at:TIMESTAMP',
    ]);
  });

  it('keeps quoted multi-line review comments and escaped quotes inside one field', async () => {
    const csv = '"review_id","order_id","review_score","review_comment_message"\nr1,o1,5,"Chegou antes do prazo.\nRecomendo ""muito""!"\nr2,o2,1,\n';
    const report = await loadFiles(engine, [{ path: 'olist_order_reviews_dataset.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ source: 'order_reviews', rows: 2, quarantined: 0 });
    expect(await rows('SELECT review_comment_message AS m FROM bronze.order_reviews ORDER BY _row')).toEqual([
      { m: 'Chegou antes do prazo.\nRecomendo "muito"!' },
      { m: null },
    ]);
  });

  it('keeps misspelled headers as written and still recognises products', async () => {
    const csv = '"product_id","product_category_name","product_name_lenght"\n"1e9e8ef04dbcff4541ed26657ea517e5",perfumaria,40\n';
    const report = await loadFiles(engine, [{ path: 'olist_products_dataset.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ source: 'products', columns: ['product_id', 'product_category_name', 'product_name_lenght'] });
    expect(await rows('SELECT product_name_lenght FROM bronze.products')).toEqual([{ product_name_lenght: '40' }]);
  });

  it('sends ragged and badly quoted rows to quarantine with reason and line, and loads the good rows', async () => {
    const csv = 'order_id,payment_sequential,payment_type,payment_value\na,1,credit_card,10.5\nb,1,boleto,3,EXTRA\nc,1\nd,1,voucher,2.25\ne,1,"debit_card,7\n';
    const report = await loadFiles(engine, [{ path: 'payments.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    expect(report.errors).toEqual([]);
    const loaded = report.sources[0];
    expect(loaded).toMatchObject({ source: 'order_payments', rows: 2, quarantined: 3 });
    expect(await rows('SELECT order_id, _row FROM bronze.order_payments ORDER BY _row')).toEqual([
      { order_id: 'a', _row: 1n },
      { order_id: 'd', _row: 2n },
    ]);
    const q = await rows('SELECT _source, _line, _reason, _raw FROM quarantine.order_payments ORDER BY _line');
    expect(q.map((r) => [r._line, String(r._reason).split(':')[0]])).toEqual([
      [3n, 'TOO MANY COLUMNS'],
      [4n, 'MISSING COLUMNS'],
      [6n, 'UNQUOTED VALUE'],
    ]);
    expect(q[0]).toMatchObject({ _source: 'payments.csv', _raw: 'b,1,boleto,3,EXTRA' });
    expect(loaded.samples[0]).toMatchObject({ file: 'payments.csv', line: 3 });
  });

  it('appends a second file of the same logical source, adding a column it lacks', async () => {
    const a = 'customer_id,customer_unique_id,customer_zip_code_prefix\nc1,u1,01001\n';
    const b = 'customer_id,customer_unique_id,customer_zip_code_prefix,customer_state\nc2,u2,69900,AC\n';
    const report = await loadFiles(engine, [{ path: 'part1.csv', bytes: utf8(a) }, { path: 'part2.csv', bytes: utf8(b) }], { loadedAt: LOADED_AT });
    expect(report.sources.map((s) => s.table)).toEqual(['bronze.customers', 'bronze.customers']);
    expect(await rows('SELECT customer_id, customer_state, _source, _row FROM bronze.customers ORDER BY _source')).toEqual([
      { customer_id: 'c1', customer_state: null, _source: 'part1.csv', _row: 1n },
      { customer_id: 'c2', customer_state: 'AC', _source: 'part2.csv', _row: 1n },
    ]);
  });

  it('numbers _row in file order, also when the reader runs in parallel over a large file', async () => {
    const lines = ['n,payload'];
    for (let i = 1; i <= 300_000; i++) lines.push(`${i},row-${i}`);
    const report = await loadFiles(engine, [{ path: 'numbers.csv', bytes: utf8(lines.join('\n') + '\n') }], { loadedAt: LOADED_AT });
    expect(report.sources[0].rows).toBe(300_000);
    expect(await rows('SELECT count(*) FILTER (WHERE _row <> n::BIGINT)::INTEGER AS misplaced, max(_row)::INTEGER AS last FROM bronze.numbers')).toEqual([
      { misplaced: 0, last: 300_000 },
    ]);
  });

  it('loads an unrecognised CSV under its own name, with a semicolon delimiter', async () => {
    const report = await loadFiles(engine, [{ path: 'Marketing Spend.csv', bytes: utf8('mes;valor\n2018-01;"1.234,50"\n') }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ source: 'marketing_spend', recognised: false, rows: 1 });
    expect(await rows('SELECT mes, valor FROM bronze.marketing_spend')).toEqual([{ mes: '2018-01', valor: '1.234,50' }]);
  });

  it('loads a header-only file as an empty table', async () => {
    const report = await loadFiles(engine, [{ path: 'sellers_empty.csv', bytes: utf8('seller_id,seller_zip_code_prefix\n') }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ source: 'sellers', rows: 0 });
  });

  it('names the file and position of a file it cannot read at all, and still loads the others', async () => {
    const report = await loadFiles(
      engine,
      [
        { path: 'empty.csv', bytes: new Uint8Array() },
        { path: 'photo.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]) },
        { path: 'notes.pdf', bytes: utf8('%PDF') },
        { path: 'good.csv', bytes: utf8('seller_id,seller_zip_code_prefix\nsx,01001\n') },
      ],
      { loadedAt: LOADED_AT },
    );
    expect(report.errors).toEqual([
      { file: 'empty.csv', line: 1, byteOffset: 0, message: 'the file is empty (0 bytes): there is no header and no data.' },
      { file: 'photo.csv', line: 3, byteOffset: 8, message: expect.stringMatching(/not a text CSV file: it contains a NUL byte/) },
      { file: 'notes.pdf', message: expect.stringMatching(/unknown file type/) },
    ]);
    expect(report.sources.map((s) => s.file)).toEqual(['good.csv']);
  });
});
