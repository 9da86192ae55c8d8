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
    // Offsets count from 0, like every other position in the report: line 3 starts at byte 74.
    expect(loaded.samples[0]).toMatchObject({ file: 'payments.csv', line: 3, byteOffset: csv.indexOf('b,1,boleto') });
    expect(await rows('SELECT _byte_offset FROM quarantine.order_payments ORDER BY _line')).toEqual(
      ['b,1,boleto', 'c,1\n', 'e,1,'].map((r) => ({ _byte_offset: BigInt(csv.indexOf(r)) })),
    );
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

  it('loads a header-only file as an empty table, with a note', async () => {
    const report = await loadFiles(engine, [{ path: 'sellers_empty.csv', bytes: utf8('seller_id,seller_zip_code_prefix\n') }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ source: 'sellers', rows: 0, notes: ['the file has a header and no rows.'] });
  });

  it('reads a file that is not UTF-8 as Windows-1252 with a note, and converts UTF-16 with a BOM', async () => {
    const text = 'seller_id,seller_city\ns1,São Paulo\ns2,“Mogi” das Cruzes\n';
    const latin = Uint8Array.from(text, (c) => ({ '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0));
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const report = await loadFiles(engine, [{ path: 'latin.csv', bytes: latin }, { path: 'wide.csv', bytes: utf16 }], { loadedAt: LOADED_AT });
    expect(report.errors).toEqual([]);
    expect(report.sources.map((s) => [s.table, s.rows, s.quarantined])).toEqual([['bronze.latin', 2, 0], ['bronze.wide', 2, 0]]);
    expect(report.sources[0].notes).toEqual([expect.stringMatching(/^the file is not UTF-8 \(line 2, byte 26 holds 0xE3\), so it was read as Windows-1252 \(Latin-1\): line 2 reads "s1,São Paulo"/)]);
    expect(report.sources[1].notes).toEqual(['the file is UTF-16 (little-endian), as its byte order mark says; it was converted to UTF-8.']);
    for (const table of ['latin', 'wide']) {
      expect(await rows(`SELECT seller_city FROM bronze.${table} ORDER BY _row`)).toEqual([{ seller_city: 'São Paulo' }, { seller_city: '“Mogi” das Cruzes' }]);
    }
  });

  it('quarantines the row of a UTF-8 file that holds a broken byte, and says to re-export it as UTF-8', async () => {
    const bytes = new Uint8Array([...utf8('seller_id,seller_city\ns1,Ribeirão Preto\ns2,S'), 0xe3, ...utf8('o Paulo\ns3,Curitiba\n')]);
    const report = await loadFiles(engine, [{ path: 'broken_utf8.csv', bytes }], { loadedAt: LOADED_AT });
    expect(report.sources[0]).toMatchObject({ rows: 2, quarantined: 1 });
    expect(report.sources[0].samples[0]).toMatchObject({ file: 'broken_utf8.csv', line: 3, byteOffset: 41 });
    expect(report.sources[0].samples[0].message).toMatch(/^INVALID ENCODING: .* — the row holds bytes that are not UTF-8\. Re-export the file as UTF-8/);
    expect(await rows('SELECT seller_city FROM bronze.broken_utf8 ORDER BY _row')).toEqual([{ seller_city: 'Ribeirão Preto' }, { seller_city: 'Curitiba' }]);
  });

  it('says what to do about each rejected row, and how far an unclosed quote reached', async () => {
    const csv = 'a,b\r\n1,2\r\n3,4,5\r\n6\r\n"7,8\r\n9,10\r\n11,12\r\n';
    const report = await loadFiles(engine, [{ path: 'hints.csv', bytes: utf8(csv) }], { loadedAt: LOADED_AT });
    const q = await rows('SELECT _line, _reason FROM quarantine.hints ORDER BY _line');
    expect(report.sources[0].samples.map((p) => p.byteOffset)).toEqual([csv.indexOf('3,4,5'), csv.indexOf('6\r'), csv.indexOf('"7')]);
    expect(q).toEqual([
      { _line: 3n, _reason: expect.stringMatching(/^TOO MANY COLUMNS: .* — the row has more fields than the header: a value that holds the delimiter must be quoted\. Fix the row/) },
      { _line: 4n, _reason: expect.stringMatching(/^MISSING COLUMNS: .* — the row has fewer fields than the header/) },
      { _line: 5n, _reason: expect.stringMatching(/^UNQUOTED VALUE: .* — a quote is not closed .* \(this record runs on to line 7, and those lines are in quarantine with it\)$/) },
    ]);
    expect(report.sources[0]).toMatchObject({ rows: 1, quarantined: 3 });
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
      { file: 'empty.csv', line: 1, byteOffset: 0, message: 'the file is empty (0 bytes): there is no header and no data. Export it again, or leave it out.' },
      { file: 'photo.csv', line: 3, byteOffset: 8, message: expect.stringMatching(/not a text CSV file: it contains a NUL byte/) },
      { file: 'notes.pdf', byteOffset: 0, message: expect.stringMatching(/unknown file type/) },
    ]);
    expect(report.sources.map((s) => s.file)).toEqual(['good.csv']);
  });
});
