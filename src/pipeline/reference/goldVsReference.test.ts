import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { quoteIdent } from '../../engine/sql';
import { loadFiles } from '../../ingest/loadFiles';
import { bundledModelFiles } from '../models/bundledModels';
import { parseModel } from '../model';
import { runPipeline } from '../runner';
import { computeGoldReference, type GoldReference } from './goldReference';
import { tinyOlist } from './tinyOlistFixture';

/**
 * The SQL gold tables against the independent TypeScript implementation of DESIGN.md §6,
 * column by column: money exactly in cents, counts, scores, text and flags exactly,
 * fractional measures to 1e-9. (Native and WASM giving the same gold is tested elsewhere.)
 */
const TABLES = ['customer_ltv', 'rfm', 'customer_segments', 'delivery_performance', 'delivery_by_state', 'revenue_by_category', 'revenue_by_state', 'revenue_monthly'] as const;
const KEYS: Record<(typeof TABLES)[number], string> = {
  customer_ltv: 'customer_unique_id',
  rfm: 'customer_unique_id',
  customer_segments: 'customer_unique_id',
  delivery_performance: 'order_id',
  delivery_by_state: 'customer_state',
  revenue_by_category: 'category',
  revenue_by_state: 'customer_state',
  revenue_monthly: 'month',
};

type Row = Record<string, unknown>;

/** A gold table as plain values shaped like the reference's rows. */
async function goldRows(engine: Engine, table: string, key: string): Promise<Row[]> {
  const columns = (await engine.query(`SELECT column_name, column_type FROM (DESCRIBE gold.${quoteIdent(table)})`)).toArray();
  const select = columns.flatMap((c) => {
    const [name, type] = [quoteIdent(String(c.column_name)), String(c.column_type)];
    if (type.startsWith('DECIMAL')) return [`${name}::DOUBLE AS ${name}`, `round(${name} * 100)::BIGINT::DOUBLE AS ${quoteIdent(`${c.column_name}_cents`)}`];
    if (type === 'TIMESTAMP') return [`strftime(${name}, '%Y-%m-%d %H:%M:%S') AS ${name}`];
    if (type === 'DATE') return [`${name}::VARCHAR AS ${name}`];
    if (/INT/.test(type) || type === 'DOUBLE' || type === 'FLOAT') return [`${name}::DOUBLE AS ${name}`];
    return [name];
  });
  const t = await engine.query(`SELECT ${select.join(', ')} FROM gold.${quoteIdent(table)} ORDER BY ${quoteIdent(key)}`);
  return t.toArray().map((r) => ({ ...r.toJSON() }));
}

function compare(table: string, sql: Row[], reference: Row[]): void {
  expect(sql.length, `${table}: rows`).toBe(reference.length);
  const columns = Object.keys(reference[0] ?? {}).filter((c) => !(`${c}_cents` in (reference[0] ?? {})));
  for (const [i, ref] of reference.entries()) {
    for (const column of columns) {
      const [want, got] = [ref[column], sql[i][column]];
      const where = `${table} row ${i} (${Object.values(ref)[0]}) column ${column}`;
      if (column.endsWith('_cents') || typeof want !== 'number' || Number.isInteger(want)) expect(got, where).toEqual(want);
      else expect(Math.abs((got as number) - want), `${where}: ${got} vs ${want}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
    }
  }
}

describe.each([
  ['the hand-made dataset', () => tinyOlist()],
  ['generated data at sf=0.01', () => generateOlist({ sf: 0.01 })],
])('SQL gold equals the reference on %s', (_name, files) => {
  let engine: Engine;
  let reference: GoldReference;
  beforeAll(async () => {
    const data = files();
    reference = computeGoldReference(data);
    engine = await NativeEngine.open();
    await loadFiles(engine, data.map((f) => ({ path: f.name, bytes: f.bytes.slice() })));
    const run = await runPipeline(engine, bundledModelFiles.map(parseModel));
    expect(run.models.filter((m) => m.status === 'failed')).toEqual([]);
    expect(run.models.filter((m) => m.layer === 'gold' && m.status !== 'success')).toEqual([]);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(TABLES)('gold.%s', async (table) => {
    const expected = reference[table] as unknown as Row[];
    expect(expected.length, 'the reference has rows to compare').toBeGreaterThan(0);
    compare(table, await goldRows(engine, table, KEYS[table]), expected);
  });
});
