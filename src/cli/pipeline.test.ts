import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { generateOlist } from '../demo/generateOlist';
import { initNodeParquet } from '../engine/wasm/nodeWasmEngine';
import { parquetToArrow } from '../engine/parquet';
import { readCsvHeader } from '../ingest/csv/csvHeader';
import { recogniseSource } from '../ingest/recogniseSource';
import { countCsvRecords } from '../testing/countCsvRecords';
import { pipelineCli } from '../testing/pipelineCli';


const pipeline = pipelineCli;

/** Rows as sorted JSON text, numbers to 9 significant digits, load times left out. */
function canonicalRows(t: Table): string[] {
  const norm = (_k: string, v: unknown) =>
    typeof v === 'bigint' ? String(v) : typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v;
  return t.toArray().map((r) => JSON.stringify({ ...r.toJSON(), _loaded_at: undefined }, norm)).sort();
}

async function parquetRows(path: string): Promise<number> {
  return (await parquetToArrow(await readFile(path))).numRows;
}

describe('npm run pipeline', () => {
  let dir: string;
  let outRoot: string;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    await initNodeParquet();
    dir = await mkdtemp(join(tmpdir(), 'pipeline-cli-'));
    outRoot = await mkdtemp(join(tmpdir(), 'pipeline-out-'));
    for (const f of generateOlist({ sf: 0.01 })) {
      await writeFile(join(dir, f.name), f.bytes);
      expected.set(recogniseSource(readCsvHeader(f.name, f.bytes).columns)!, countCsvRecords(f.bytes));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(outRoot, { recursive: true, force: true });
  });

  it.each(['native', 'wasm'])('writes one Parquet file per bronze table with the CSVs record counts (--engine %s)', async (engine) => {
    const out = join(outRoot, engine);
    const result = await pipeline(['--engine', engine, '--out', out, dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = (await readdir(join(out, 'bronze'))).sort();
    expect(files).toEqual([...expected.keys()].map((s) => `${s}.parquet`).sort());
    for (const [source, count] of expected) expect(await parquetRows(join(out, 'bronze', `${source}.parquet`)), source).toBe(count);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.engine.kind).toBe(engine);
    // What DuckDB held at the end, its limit, and the process's peak (which holds DuckDB).
    expect(report.memory.held_bytes).toBeGreaterThan(1e6);
    expect(report.memory.limit_bytes).toBeGreaterThan(report.memory.held_bytes);
    expect(report.memory.process_peak_bytes).toBeGreaterThan(report.memory.held_bytes);
    expect(report.totals).toMatchObject({ files: 9, files_failed: 0, bronze_rows: [...expected.values()].reduce((a, b) => a + b) });
    expect(report.sources.map((s: { source: string }) => s.source).sort()).toEqual([...expected.keys()].sort());
    expect(report.models.find((m: { name: string }) => m.name === 'gold.rfm')).toMatchObject({ layer: 'gold', status: 'success', depends_on: expect.arrayContaining(['gold.customer_ltv']) });
    expect(report.models.every((m: { status: string }) => m.status === 'success')).toBe(true);
    expect(report.expectations.filter((e: { severity: string; status: string }) => e.severity === 'error' && e.status !== 'pass')).toEqual([]);
    // Where the bronze rows went, counted from the tables: run.json's balance and totals agree with the Parquet files.
    expect((await readdir(join(out, 'duplicates'))).sort()).toEqual([...expected.keys()].map((s) => `${s}.parquet`).sort());
    let duplicates = 0;
    for (const source of expected.keys()) {
      const balance = report.models.find((m: { name: string }) => m.name === `silver.${source}`).balance;
      const rows = await parquetRows(join(out, 'duplicates', `${source}.parquet`));
      expect(balance.exactDuplicates + balance.conflictingDuplicates, source).toBe(rows);
      expect(balance.silver, source).toBe(await parquetRows(join(out, 'silver', `${source}.parquet`)));
      expect(balance.bronze, source).toBe(expected.get(source));
      duplicates += rows;
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(report.totals.duplicate_rows).toBe(duplicates);
    expect(report.expectations.filter((e: { kind: string; status: string }) => e.kind === 'balance' && e.status === 'pass')).toHaveLength(expected.size);
    expect(result.stdout).toMatch(/silver\.geolocation: success, \d+ rows \[\d+ ms\]; bronze \d+ = silver \d+ \+ duplicates \d+ \(\d+ exact\) \+ quarantine \d+/);
    expect(report.lineage.tables['silver.orders']).toEqual(['bronze.orders']);
    expect(report.lineage.columns['gold.revenue_by_state'].revenue.bronze).toEqual([
      { table: 'bronze.order_items', column: 'freight_value' },
      { table: 'bronze.order_items', column: 'price' },
    ]);
  });

  it('gives the same bronze, silver and gold on both engines', async () => {
    const gold = (await readdir(join(outRoot, 'native', 'gold'))).sort();
    expect(gold).toEqual((await readdir(join(outRoot, 'wasm', 'gold'))).sort());
    expect(gold).toEqual(expect.arrayContaining(['customer_ltv.parquet', 'rfm.parquet', 'revenue_by_state.parquet', 'delivery_by_state.parquet']));
    const tables = [
      ...[...expected.keys()].flatMap((s) => [`bronze/${s}.parquet`, `silver/${s}.parquet`]),
      ...gold.map((g) => `gold/${g}`),
    ];
    for (const table of tables) {
      const [a, b] = await Promise.all(['native', 'wasm'].map(async (e) => canonicalRows(await parquetToArrow(await readFile(join(outRoot, e, table))))));
      expect(b.length, table).toBeGreaterThan(0);
      expect(b, table).toEqual(a);
    }
    // The dropped duplicates too (some sources have none).
    for (const table of [...expected.keys()].map((s) => `duplicates/${s}.parquet`)) {
      const [a, b] = await Promise.all(['native', 'wasm'].map(async (e) => canonicalRows(await parquetToArrow(await readFile(join(outRoot, e, table))))));
      expect(b, table).toEqual(a);
    }
  });

  it('does not load its own earlier output when --out is inside an input folder', async () => {
    const out = join(dir, 'out-self');
    await pipeline(['--out', out, dir]);
    const second = await pipeline(['--out', out, dir]);
    await rm(out, { recursive: true, force: true });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
  });

  it('exits 1 naming the file and line of a CSV it cannot read, after loading the rest', async () => {
    const bad = join(outRoot, 'bad');
    await rm(bad, { recursive: true, force: true });
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'sellers.csv'), 'seller_id,seller_zip_code_prefix\ns1,01001\ns2,02002,extra\n');
    await writeFile(join(bad, 'garbage.csv'), new Uint8Array([0x66, 0x6f, 0x6f, 0x0a, 0x00, 0xff]));
    const out = join(outRoot, 'out-bad');
    const result = await pipeline(['--out', out, bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: bad/garbage.csv (line 2, byte 4): this is not a text CSV file');
    expect(result.stdout).toContain('bad/sellers.csv → bronze.sellers: 1 rows, 1 quarantined (e.g. bad/sellers.csv (line 3, byte');
    expect(await parquetRows(join(out, 'bronze', 'sellers.parquet'))).toBe(1);
    expect(await parquetRows(join(out, 'quarantine', 'sellers.parquet'))).toBe(1);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    expect((await pipeline([])).code).toBe(2);
    const result = await pipeline(['--engine', 'spark', '--out', '/tmp/x', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown engine "spark"');
  });
  it.each(['native', 'wasm'])('loads a gzipped MariaDB dump: one file, nine tables, typed bronze in Parquet (--engine %s)', async (engine) => {
    const out = join(outRoot, `dump-${engine}`);
    const result = await pipeline(['--engine', engine, '--out', out, 'fixtures/mysql/default.sql.gz']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.totals).toMatchObject({ files: 1, files_failed: 0, bronze_rows: 310, quarantined_rows: 0 });
    expect(report.sources.map((s: { source: string; format: string; rows: number }) => [s.source, s.format, s.rows]).sort()).toEqual([
      ['category_translation', 'mysql', 71], ['customers', 'mysql', 40], ['edge_cases', 'mysql', 6], ['order_items', 'mysql', 45],
      ['order_payments', 'mysql', 43], ['order_reviews', 'mysql', 40], ['orders', 'mysql', 40], ['products', 'mysql', 22], ['sellers', 'mysql', 3],
    ]);
    expect(report.notes).toContainEqual({ file: 'default.sql', message: 'view delivered_orders skipped: a view holds no rows' });
    const edge = await parquetToArrow(await readFile(join(out, 'bronze', 'edge_cases.parquet')));
    expect(edge.numRows).toBe(6);
    expect(Array.from(edge.getChild('c_ubigint')!.toArray(), String)).toContain('18446744073709551615');
    expect(await parquetRows(join(out, 'gold', 'delivery_performance.parquet'))).toBe(33);
  });
  it('loads a mongodump folder: one table per collection, metadata skipped (--engine native)', async () => {
    const out = join(outRoot, 'mongo');
    const result = await pipeline(['--engine', 'native', '--out', out, 'fixtures/mongo/dump']);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(report.sources.map((s: { source: string; format: string; rows: number }) => [s.source, s.format, s.rows]).sort()).toEqual([
      ['category_translation', 'mongo', 71], ['mixed_types', 'mongo', 5], ['products', 'mongo', 24],
    ]);
    expect(report.skipped.map((s: { file: string }) => s.file).sort()).toEqual([
      'dump/shop/mixed_types.metadata.json', 'dump/shop/product_categories.metadata.json', 'dump/shop/products.metadata.json',
    ]);
    expect(await parquetRows(join(out, 'silver', 'products.parquet'))).toBe(24);
  });
});
