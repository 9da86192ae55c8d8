import type { Browser } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { RendererMemory } from './rendererMemory';

/** One whole pipeline in the app, as a user runs it: the phases and each model's time. */
export interface ChromiumRun {
  /** Page load to the engine badge (worker started, WASM compiled). */
  start: number;
  /** The load into bronze, as the worker timed it (the load summary). */
  load: number;
  /** Every model and expectation, as the worker timed it (the pipeline summary). */
  pipeline: number;
  /** Each model's milliseconds, from the pipeline view (`silver.orders` → ms). */
  models: Record<string, number>;
  /** The end of the run to every dashboard chart drawn (the dashboard's queries on gold). */
  dashboard: number;
  /** The save to browser storage after the run, as the worker timed it; none for COI, which stores nothing. */
  save?: number;
  /** Peak resident memory of the renderer (page, workers, DuckDB-WASM's memory) from the pick to the end of the run. */
  peakBytes?: number;
  /** What DuckDB holds at the end of the run (the pipeline summary, duckdb_memory()). */
  heldBytes?: number;
}

/** The engine did not start in time: the COI build's start hangs now and then (README). */
export class StartFailed extends Error {}

/**
 * Opens the built app (served on `port`) in a fresh browser context with `bundle`, picks
 * `paths` through the file input, and waits for the load, the pipeline, the dashboard and
 * the save. Times are the worker's own where it reports them (not Playwright's overhead).
 */
export async function runInChromium(browser: Browser, port: string, bundle: 'eh' | 'coi', paths: string[], startTimeout: number): Promise<ChromiumRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`http://127.0.0.1:${port}/?bundle=${bundle}&view=dashboard`);
    try {
      await page.getByTestId('engine-badge').waitFor({ timeout: startTimeout });
    } catch {
      const failed = await page.locator('.engine-badge.failed').textContent().catch(() => null);
      throw new StartFailed(failed ?? `the engine did not start within ${startTimeout / 1000} s`);
    }
    const start = performance.now() - t0;
    const memory = await RendererMemory.of(browser);
    memory?.resetPeak();
    await page.getByTestId('file-input').setInputFiles(paths);
    const summary = page.getByTestId('load-summary');
    await summary.waitFor({ timeout: 3_600_000 });
    if (await page.locator('.problems').count()) throw new Error(`chromium-${bundle}: ${await page.locator('.problems').textContent()}`);
    const built = page.getByTestId('pipeline-summary');
    await built.waitFor({ timeout: 3_600_000 });
    const builtAt = performance.now();
    const peakBytes = memory?.peakBytes();
    const held = await page.getByTestId('pipeline-memory').getAttribute('data-bytes', { timeout: 5000 }).catch(() => null);
    await page.locator('.vega-chart[data-rendered-key=""]').nth(CHART_IDS.length - 1).waitFor({ timeout: 300_000 });
    const dashboard = performance.now() - builtAt;
    // COI cannot reopen an opfs:// database, so its lakehouse lives in memory: nothing is saved.
    let save: number | undefined;
    if (bundle === 'eh') {
      await page.getByTestId('saved-ms').waitFor({ timeout: 600_000 });
      save = Number(await page.getByTestId('saved-ms').textContent()) * 1000;
    }
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    const nodes = page.locator('.dag-node[data-ms]');
    await nodes.first().waitFor({ timeout: 60_000 });
    const models = Object.fromEntries(
      await nodes.evaluateAll((els) => els.map((e) => [e.getAttribute('data-node')!, Number(e.getAttribute('data-ms'))] as const)),
    );
    return {
      start,
      load: Number(await summary.getAttribute('data-ms')),
      pipeline: Number(await built.getAttribute('data-ms')),
      models,
      dashboard,
      save,
      ...(peakBytes !== undefined && { peakBytes }),
      ...(held !== null && { heldBytes: Number(held) }),
    };
  } finally {
    await context.close();
  }
}
