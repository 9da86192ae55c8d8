import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { quoteLiteral } from '../../engine/sql';
import { testEngines } from '../../engine/testEngines';
import { Lakehouse } from '../lakehouse';
import { exportTable } from './exportTable';

/** Values a CSV or Parquet writer gets wrong first: NULL vs '', quotes, newlines, microseconds, exact decimals, bytes. */
const TRICKY = `SELECT * FROM (VALUES
  (1, 'plain', TIMESTAMP '2017-10-02 10:56:33.123456', 12.30::DECIMAL(12,2), '\\xAA\\x00\\x41'::BLOB, DATE '2018-01-01', 1.5::DOUBLE, 9007199254740993::BIGINT, true),
  (2, '', TIMESTAMP '2018-01-01 00:00:00', -0.01::DECIMAL(12,2), ''::BLOB, DATE '1999-12-31', -0.1::DOUBLE, -1::BIGINT, false),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'a,b "q" ' || chr(10) || 'line2' || chr(13) || chr(10) || 'end', TIMESTAMP '1970-01-01 00:00:00.000001', 9999999999.99::DECIMAL(12,2), 'bytes'::BLOB, DATE '2024-02-29', 1e300::DOUBLE, 0::BIGINT, true),
  (5, ' São Paulo ção 👍 ', TIMESTAMP '2016-09-04 21:15:19', 0::DECIMAL(12,2), '\\x22,\\x0A'::BLOB, DATE '2016-09-04', 0.1::DOUBLE, 42::BIGINT, NULL),
  (6, '<img src=x onerror=alert(1)>', TIMESTAMP '2016-09-04 21:15:19', 1::DECIMAL(12,2), 'x'::BLOB, DATE '2016-09-04', 2::DOUBLE, 1::BIGINT, false)
) AS t(id, label, ts, amount, payload, day, ratio, big, flag)`;

const TYPES = { id: 'INTEGER', label: 'VARCHAR', ts: 'TIMESTAMP', amount: 'DECIMAL(12,2)', payload: 'BLOB', day: 'DATE', ratio: 'DOUBLE', big: 'BIGINT', flag: 'BOOLEAN' };

/** Rows in `a` not in `b` plus rows in `b` not in `a` (bag semantics). */
async function difference(engine: Engine, a: string, b: string): Promise<number> {
  const t = await engine.query(`SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b})) + (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a})) AS n`);
  return Number(t.get(0)!.n);
}

async function types(engine: Engine, table: string): Promise<Record<string, string>> {
  const t = await engine.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ${quoteLiteral(table)} ORDER BY column_index`);
  return Object.fromEntries(t.toArray().map((r) => [r.column_name, r.data_type]));
}

describe.each(testEngines)('exportTable on %s', (_name, open) => {
  let engine: Engine;
  let reader: NativeEngine;
  beforeAll(async () => {
    engine = await open();
    reader = await NativeEngine.open();
    await engine.exec(`CREATE SCHEMA IF NOT EXISTS silver; CREATE SCHEMA IF NOT EXISTS gold; CREATE TABLE silver."we""ird'name" AS ${TRICKY}`);
    await reader.exec(`CREATE TABLE expected AS ${TRICKY}`);
  });
  afterAll(async () => {
    await engine.close();
    await reader.close();
  });

  it('writes Parquet that native DuckDB reads back with the same rows and types', async () => {
    const file = await exportTable(engine, 'silver', `we"ird'name`, 'parquet');
    expect(file.fileName).toBe(`silver.we"ird'name.parquet`);
    const path = await reader.registerFile('t.parquet', file.bytes);
    await reader.exec(`CREATE OR REPLACE TABLE got_parquet AS FROM read_parquet(${quoteLiteral(path)})`);
    expect(await types(reader, 'got_parquet')).toEqual(TYPES);
    expect(await difference(reader, 'expected', 'got_parquet')).toBe(0);
  });

  it('writes RFC 4180 CSV that reads back with the same rows under the column types', async () => {
    const file = await exportTable(engine, 'silver', `we"ird'name`, 'csv');
    const text = new TextDecoder().decode(file.bytes);
    expect(text.split('\r\n')[0]).toBe('id,label,ts,amount,payload,day,ratio,big,flag');
    // DuckDB's own text for each type: microseconds kept, decimals exact, bytes escaped.
    expect(text).toContain('1,plain,2017-10-02 10:56:33.123456,12.30,\\xAA\\x00A,2018-01-01,1.5,9007199254740993,true\r\n');
    expect(text).toContain('2,"",2018-01-01 00:00:00,-0.01,"",1999-12-31,-0.1,-1,false\r\n');
    expect(text).toContain('3,,,,,,,,\r\n');
    const path = await reader.registerFile('t.csv', file.bytes);
    const columns = `{${Object.entries(TYPES).map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(', ')}}`;
    await reader.exec(`CREATE OR REPLACE TABLE got_csv AS FROM read_csv(${quoteLiteral(path)}, header = true, allow_quoted_nulls = false, columns = ${columns})`);
    expect(await difference(reader, 'expected', 'got_csv')).toBe(0);
    // Without being told the types, DuckDB still recognises the timestamps, dates and integers.
    await reader.exec(`CREATE OR REPLACE TABLE sniffed AS FROM read_csv(${quoteLiteral(path)})`);
    const sniffed = await types(reader, 'sniffed');
    expect([sniffed.ts, sniffed.day, sniffed.big]).toEqual(['TIMESTAMP', 'DATE', 'BIGINT']);
    expect(Number((await reader.query('SELECT count(*) AS n FROM sniffed')).get(0)!.n)).toBe(6);
  });

  it('quotes column names in SQL and in the CSV header', async () => {
    await engine.exec(`CREATE TABLE silver.cols AS SELECT 1 AS "na""me, x", 'v' AS "; DROP TABLE silver.cols; --"`);
    const text = new TextDecoder().decode((await exportTable(engine, 'silver', 'cols', 'csv')).bytes);
    expect(text).toBe('"na""me, x",; DROP TABLE silver.cols; --\r\n1,v\r\n');
    expect((await engine.query('SELECT count(*)::INTEGER AS n FROM silver.cols')).get(0)!.n).toBe(1);
  });

  it('CSV for Excel neutralises formula cells in text columns, keeps numbers numbers; plain CSV keeps every value', async () => {
    await engine.exec(`CREATE TABLE gold.formulas AS SELECT * FROM (VALUES
      (1, '=cmd|'' /C calc''!A0', -12.30::DECIMAL(12,2), -1.5::DOUBLE, '-7', DATE '2018-01-01', INTERVAL '-1 day'),
      (2, '+1+cmd|x', -0.01::DECIMAL(12,2), -1e300::DOUBLE, '-2+3+cmd|x', DATE '2018-01-02', INTERVAL '1 day'),
      (3, '@SUM(A1)', 0::DECIMAL(12,2), 0::DOUBLE, chr(9) || '=1+1', NULL, NULL),
      (4, 'plain, "quoted"', NULL, NULL, chr(13) || '=1', DATE '2018-01-03', NULL)
    ) AS t(id, "=HYPERLINK(""http://x"")", amount, ratio, note, day, span)`);
    const excel = await exportTable(engine, 'gold', 'formulas', 'csv-excel');
    expect(excel.fileName).toBe('gold.formulas.excel.csv');
    expect(excel.mimeType).toBe('text/csv');
    expect(new TextDecoder().decode(excel.bytes).split('\r\n')).toEqual([
      `id,"'=HYPERLINK(""http://x"")",amount,ratio,note,day,span`,
      `1,'=cmd|' /C calc'!A0,-12.30,-1.5,-7,2018-01-01,-1 day`,
      `2,'+1+cmd|x,-0.01,-1e+300,'-2+3+cmd|x,2018-01-02,1 day`,
      `3,'@SUM(A1),0.00,0.0,'\t=1+1,,`,
      `4,"plain, ""quoted""",,,"'\r=1",2018-01-03,`,
      '',
    ]);
    const plain = new TextDecoder().decode((await exportTable(engine, 'gold', 'formulas', 'csv')).bytes);
    expect(plain.split('\r\n').slice(0, 3)).toEqual([
      `id,"=HYPERLINK(""http://x"")",amount,ratio,note,day,span`,
      `1,=cmd|' /C calc'!A0,-12.30,-1.5,-7,2018-01-01,-1 day`,
      `2,+1+cmd|x,-0.01,-1e+300,-2+3+cmd|x,2018-01-02,1 day`,
    ]);
  });

  it('refuses unknown tables, layers and formats with a message', async () => {
    await expect(exportTable(engine, 'gold', 'nope', 'csv')).rejects.toThrow('There is no table gold.nope');
    await expect(exportTable(engine, 'main' as 'gold', 'x', 'csv')).rejects.toThrow('unknown layer');
    await expect(exportTable(engine, 'silver', `we"ird'name`, 'xlsx' as 'csv')).rejects.toThrow('unknown export format');
  });
});

describe('Lakehouse.exportZip', () => {
  it('zips every table as <layer>/<table>.parquet and a run.json shaped like the CLI', async () => {
    const { createNodeWasmEngine } = await import('../../engine/wasm/nodeWasmEngine');
    const lakehouse = new Lakehouse(await createNodeWasmEngine());
    const reader = await NativeEngine.open();
    try {
      await lakehouse.load([{ path: 'shop/customers.csv', bytes: new TextEncoder().encode('customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\nc1,u1,01037,sao paulo,SP\nc2,u2,20000,rio,RJ\n') }]);
      await lakehouse.engine.exec(`CREATE TABLE gold."../escape" AS SELECT 1 AS x`);
      const zip = await lakehouse.exportZip();
      const entries = unzipSync(zip.bytes);
      expect(Object.keys(entries).sort()).toEqual(['bronze/customers.parquet', 'gold/__escape.parquet', 'run.json']);
      const run = JSON.parse(strFromU8(entries['run.json']));
      expect(Object.keys(run)).toEqual(['engine', 'started_at', 'finished_at', 'sources', 'errors', 'skipped', 'notes', 'models', 'expectations', 'tables', 'lineage', 'totals']);
      expect(run.tables).toContainEqual({ table: 'bronze.customers', rows: 2 });
      expect(run.totals.bronze_rows).toBe(2);
      const path = await reader.registerFile('c.parquet', entries['bronze/customers.parquet']);
      const got = await reader.query(`SELECT customer_zip_code_prefix AS zip FROM read_parquet(${quoteLiteral(path)}) ORDER BY _row`);
      expect(got.toArray().map((r) => r.zip)).toEqual(['01037', '20000']);
    } finally {
      await lakehouse.engine.close();
      await reader.close();
    }
  });
});
