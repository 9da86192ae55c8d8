import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import type { InputFile } from '../../ingest/inputFile';
import { loadFiles } from '../../ingest/loadFiles';
import { compileExpectation } from '../expectations/compileExpectation';
import { createSqlMacros } from '../sqlMacros';
import { parseModel, type Model } from '../model';

/*
 * The harness shared by the silver and gold model tests: the models on both engines, over
 * the generated Olist data (sf 0.01; generatedData.test.ts) for the properties that must
 * hold on any data, and over a hand-made bronze of a few rows per source (handMadeBronze.ts,
 * handMadeExamples.test.ts) for exact gold numbers worked out by hand from DESIGN.md section 6.
 *
 * The harness below stands in for the runner: models in dependency order; a silver model
 * is materialised into a stage table (kept, so tests can look at every row and its
 * _reason), then silver.<name> = the good rows, the first per key by _row (all of them for
 * a model that reduces: it returns one per key).
 */

const MODELS_DIR = fileURLToPath(new URL('.', import.meta.url));
export const SILVER_SOURCES = ['category_translation', 'customers', 'geolocation', 'order_items', 'order_payments', 'order_reviews', 'orders', 'products', 'sellers'];

function readModels(): Model[] {
  return (['silver', 'gold'] as const).flatMap((layer) =>
    readdirSync(join(MODELS_DIR, layer))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => parseModel({ path: `${layer}/${f}`, sql: readFileSync(join(MODELS_DIR, layer, f), 'utf8') })),
  );
}

/** Each model after the models it reads. */
function dependencyOrder(models: Model[]): Model[] {
  const ids = new Set(models.map((m) => m.id));
  const done = new Set<string>();
  const order: Model[] = [];
  while (order.length < models.length) {
    const ready = models.filter((m) => !done.has(m.id) && m.references.every((r) => !ids.has(r) || done.has(r)));
    if (ready.length === 0) throw new Error('models depend on each other in a cycle');
    for (const m of ready) done.add(m.id), order.push(m);
  }
  return order;
}

export const MODELS = dependencyOrder(readModels());
export const SILVER = MODELS.filter((m) => m.layer === 'silver');
export const GOLD = MODELS.filter((m) => m.layer === 'gold');
export const stage = (name: string) => `main.${quoteIdent(`stage_${name}`)}`;

export async function buildLakehouse(engine: Engine, files: InputFile[]): Promise<void> {
  const report = await loadFiles(engine, files, { loadedAt: new Date(Date.UTC(2024, 0, 1)) });
  expect(report.errors).toEqual([]);
  await createSqlMacros(engine);
  for (const model of MODELS) {
    await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${model.layer}`);
    const target = qualified(model.layer, model.name);
    try {
      if (model.layer === 'silver') {
        await engine.exec(`CREATE OR REPLACE TABLE ${stage(model.name)} AS ${model.sql}`);
        const key = model.key.map(quoteIdent).join(', ');
        // A model that reduces returns one good row per key already.
        const first = model.reduces ? '' : `QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY _row, _source) = 1`;
        await engine.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT * EXCLUDE (_reason) FROM ${stage(model.name)} WHERE _reason IS NULL ${first}`);
      } else {
        await engine.exec(`CREATE OR REPLACE TABLE ${target} AS ${model.sql}`);
      }
    } catch (error) {
      throw new Error(`${model.path}: ${(error as Error).message}`);
    }
  }
}

export type Row = Record<string, unknown>;

/** Rows as plain objects; BIGINT becomes a number. Cast DECIMAL and TIMESTAMP to VARCHAR in SQL to compare them exactly. */
export async function rows(engine: Engine, sql: string): Promise<Row[]> {
  const table = await engine.query(sql);
  return table.toArray().map((r) => {
    const o: Row = { ...r.toJSON() };
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
    return o;
  });
}

/** Deep equality where numbers may differ by 1e-9 (relative): doubles computed two ways. */
export function expectClose(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Row)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

export async function one(engine: Engine, sql: string): Promise<Row> {
  const [row] = await rows(engine, sql);
  return row!;
}

export async function columnTypes(engine: Engine, table: string): Promise<Record<string, string>> {
  const described = await rows(engine, `SELECT column_name, column_type FROM (DESCRIBE ${table})`);
  return Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)]));
}

/** Every table of the layer, rows ordered by key, doubles as numbers and everything else as text. */
export async function snapshot(engine: Engine, models: Model[]): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const m of models) {
    const table = qualified(m.layer, m.name);
    const types = await columnTypes(engine, table);
    const select = Object.entries(types)
      .map(([c, t]) => (t === 'DOUBLE' || t === 'FLOAT' ? quoteIdent(c) : `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`))
      .join(', ');
    out.set(m.id, await rows(engine, `SELECT ${select} FROM ${table} ORDER BY ${m.key.map(quoteIdent).join(', ')}`));
  }
  return out;
}

/** Failing-row counts of every expectation in the model headers (plus the implied unique key). */
export async function expectationResults(engine: Engine): Promise<{ model: string; name: string; severity: string; failing: number | string }[]> {
  const results = [];
  for (const m of MODELS) {
    const specs = [{ kind: 'unique' as const, args: [m.key.join(', ')], severity: 'error' as const, name: `unique(${m.key.join(', ')})` }, ...m.expectations];
    for (const spec of specs) {
      let failing: number | string;
      try {
        failing = Number((await one(engine, `SELECT count(*)::BIGINT AS n FROM (${compileExpectation(spec, qualified(m.layer, m.name))})`)).n);
      } catch (error) {
        failing = `error: ${(error as Error).message.split('\n')[0]}`;
      }
      results.push({ model: m.id, name: spec.name, severity: spec.severity, failing });
    }
  }
  return results;
}
/** Revenue totals of the gold tables (and of silver items, computed without gold), as exact text. */
export async function revenueTotals(engine: Engine): Promise<Record<string, string>> {
  const total = (sql: string) => `(SELECT coalesce(sum(revenue), 0)::DECIMAL(18,2)::VARCHAR FROM (${sql}))`;
  const row = await one(engine, `SELECT
      ${total('SELECT revenue FROM gold.revenue_by_category')} AS by_category,
      ${total('SELECT revenue FROM gold.revenue_by_state')} AS by_state,
      ${total('SELECT revenue FROM gold.revenue_monthly')} AS monthly,
      ${total(`SELECT revenue FROM gold.customer_ltv UNION ALL
               SELECT revenue FROM gold.order_facts WHERE is_revenue_bearing AND customer_unique_id IS NULL`)} AS ltv_plus_unknown,
      ${total(`SELECT i.price + i.freight_value AS revenue FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id)
               WHERE coalesce(o.order_status, '') NOT IN ('canceled', 'unavailable')`)} AS silver_items`);
  return row as Record<string, string>;
}

/** The generated Olist data (sf 0.01) as input files. */
export const generatedOlistFiles = (): InputFile[] => generateOlist({ sf: 0.01 }).map((f) => ({ path: f.name, bytes: f.bytes }));
