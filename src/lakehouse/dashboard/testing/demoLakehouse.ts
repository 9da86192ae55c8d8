import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateOlist } from '../../../demo/generateOlist';
import { createNodeWasmEngine } from '../../../engine/wasm/nodeWasmEngine';
import { bundledModelFiles } from '../../../pipeline/models/bundledModels';
import { Lakehouse } from '../../lakehouse';
import type { ChartId } from '../chartId';
import type { DashboardData } from '../dashboardData';

export type Row = Record<string, unknown>;

/**
 * A lakehouse of the generated Olist data (sf 0.01) on DuckDB-WASM in Node, the browser's
 * engine, built through the same Lakehouse operations the worker calls. Returns a getter:
 * the lakehouse exists once beforeAll has run.
 */
export function useDemoLakehouse(sf = 0.01): () => Lakehouse {
  let lakehouse: Lakehouse | undefined;
  beforeAll(async () => {
    lakehouse = new Lakehouse(await createNodeWasmEngine());
    const report = await lakehouse.load(generateOlist({ sf }).map((f) => ({ path: f.name, bytes: f.bytes })));
    expect(report.errors).toEqual([]);
    const run = await lakehouse.runPipeline(bundledModelFiles);
    expect(run.ok).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await lakehouse?.engine.close();
  });
  return () => lakehouse!;
}

/** A chart's rows as plain objects (its SQL casts BIGINT and DECIMAL away). */
export function chartRows(data: DashboardData, chart: ChartId): Row[] {
  const found = data.charts.find((c) => c.chart === chart);
  if (!found) throw new Error(`no ${chart} in the dashboard data`);
  return tableFromIPC(found.ipc)
    .toArray()
    .map((r) => ({ ...r.toJSON() }) as Row);
}

/** Rows of any query, BIGINT as number. */
export async function queryRows(lakehouse: Lakehouse, sql: string): Promise<Row[]> {
  const table = await lakehouse.engine.query(sql);
  return table.toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

export const sum = (rows: Row[], column: string): number => rows.reduce((n, r) => n + Number(r[column]), 0);

/** Money compared to the cent: sums of DOUBLEs carry float noise, the gold DECIMALs do not. */
export function expectCents(actual: number, expected: number, message?: string): void {
  expect(Math.round(actual * 100), message).toBe(Math.round(expected * 100));
}
