import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { generateOlist } from '../../demo/generateOlist';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import type { InputFile } from '../../ingest/inputFile';
import { loadFiles } from '../../ingest/loadFiles';
import { topologicalOrder } from '../dag';
import { compileExpectation } from '../expectations/compileExpectation';
import { parseModel, type Model } from '../model';
import { runPipeline, type PipelineRun } from '../runner';

/*
 * The harness shared by the silver and gold model tests: the models on both engines, over
 * the generated Olist data (sf 0.01; generatedData.test.ts) for the properties that must
 * hold on any data, and over a hand-made bronze of a few rows per source (handMadeBronze.ts,
 * handMadeExamples.test.ts) for exact gold numbers worked out by hand from DESIGN.md section 6.
 *
 * The lakehouse is built by the production runner (runPipeline: its order, quarantine,
 * de-duplication and row accounting). A copy of each silver model's whole result, every row
 * with its _reason, is kept as stage_<name> through the runner's test hook, so the tests
 * can look at what the model returned before the runner split it.
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

/** The models in the order the runner builds them. */
export const MODELS = topologicalOrder(readModels());
export const SILVER = MODELS.filter((m) => m.layer === 'silver');
export const GOLD = MODELS.filter((m) => m.layer === 'gold');
export const stage = (name: string) => `main.${quoteIdent(`stage_${name}`)}`;

/**
 * Loads the files and runs every model with the production runner; every model must build
 * and every silver model's row accounting must hold. Returns the run.
 */
export async function buildLakehouse(engine: Engine, files: InputFile[]): Promise<PipelineRun> {
  const report = await loadFiles(engine, files, { loadedAt: new Date(Date.UTC(2024, 0, 1)) });
  expect(report.errors).toEqual([]);
  const run = await runPipeline(engine, MODELS, {
    testHooks: { onStage: async (model, staged) => engine.exec(`CREATE OR REPLACE TABLE ${stage(model.name)} AS SELECT * FROM ${staged}`) },
  });
  const failed = run.models.filter((m) => m.status !== 'success');
  if (failed.length) throw new Error(failed.map((m) => `${m.name}: ${m.status}: ${m.error}`).join('\n'));
  expect(run.expectations.filter((e) => e.kind === 'balance' && e.status !== 'pass')).toEqual([]);
  expect(run.expectations.filter((e) => e.kind === 'balance')).toHaveLength(SILVER.length);
  return run;
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
