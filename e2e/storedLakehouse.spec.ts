import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, test } from './support/fixtures';
import { leaveApp, readSavedFile, savedFiles, tableRows, truncateSavedFile, writeSavedFile } from './support/savedLakehouse';

/*
 * The lakehouse stored as one DuckDB database file in OPFS, at the real Olist size (sf=1,
 * 120 MB of CSV picked in the page): a reload re-attaches the file and shows every table
 * and the dashboard again; a second tab gets a clear message instead of the file; damage
 * (a missing checkpoint marker, another format version, a file cut short) is reported at
 * start-up and never opened.
 */
let root: string;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'stored-e2e-'));
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate.ts', '--sf', '1', '--out', root], { encoding: 'utf8', timeout: 300_000 });
  if (made.status !== 0) throw new Error(`npm run generate failed: ${made.stderr}`);
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

async function stateRevenue(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 120_000 });
  const labels = await page.getByTestId('chart-revenueByState').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  return labels.sort();
}

test('sf=1 picked in the page comes back from the OPFS database after a reload; damage is reported, not opened', async ({ page }) => {
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(readdirSync(root).map((f) => join(root, f)));
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 600_000 });
  const tables = await tableRows(page);
  expect(tables['bronze.geolocation']).toBe('1,000,163');
  expect(Object.keys(tables).filter((t) => t.startsWith('gold.')).length).toBeGreaterThanOrEqual(8);
  const revenue = await stateRevenue(page);
  const summary = await page.getByTestId('pipeline-summary').textContent();
  const files = await savedFiles(page);
  const manifest = await readSavedFile(page, 'manifest.json');
  expect(JSON.parse(manifest)).toMatchObject({ version: 2, databaseBytes: files['lakehouse.duckdb'] });
  console.log(`sf=1: ${Object.keys(tables).length} tables, database file ${(files['lakehouse.duckdb']! / 2 ** 20).toFixed(1)} MiB, saved in ${await page.getByTestId('saved-ms').textContent()} s`);

  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(`Restored ${Object.keys(tables).length} tables`, { timeout: 60_000 });
  console.log(`sf=1 restored in ${await page.getByTestId('saved-ms').textContent()} s ${await page.getByTestId('saved-ms').getAttribute('data-phases')}`);
  expect(await tableRows(page)).toEqual(tables);
  await expect(page.getByTestId('pipeline-summary')).toHaveText(summary!);
  expect(await stateRevenue(page)).toEqual(revenue);
  // Re-attached, not re-inserted: the marker is the checkpoint's, and the file only grew by the dashboard's working tables.
  expect(await readSavedFile(page, 'manifest.json')).toBe(manifest);
  expect((await savedFiles(page))['lakehouse.duckdb']).toBeGreaterThanOrEqual(files['lakehouse.duckdb']!);

  // A second tab does not get the file: it says so and works in memory.
  const other = await page.context().newPage();
  await openApp(other);
  await expect(other.getByTestId('saved-elsewhere')).toContainText('open in another tab of this browser');
  await expect(other.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await other.close();

  // Damage, each found at start-up before DuckDB opens the file (which stays untouched).
  const problem = page.getByTestId('saved-problem');
  const reopen = async (message: string) => {
    await page.goto('/');
    await expect(problem).toContainText(message, { timeout: 60_000 });
    await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
    await leaveApp(page);
  };
  await leaveApp(page);
  await writeSavedFile(page, 'manifest.json', null);
  await reopen('a change did not finish: the checkpoint marker is missing');
  await writeSavedFile(page, 'manifest.json', manifest.replace('"version":2', '"version":3'));
  await reopen('it was saved in format version 3, and this version of the app reads version 2');
  await writeSavedFile(page, 'manifest.json', manifest);
  await truncateSavedFile(page, 'lakehouse.duckdb', files['lakehouse.duckdb']! - 4096);
  await reopen(`its database file has ${files['lakehouse.duckdb']! - 4096} bytes where ${files['lakehouse.duckdb']} were checkpointed (it was cut short)`);

  await page.goto('/');
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);
  expect(JSON.parse(await readSavedFile(page, 'manifest.json')).tables).toEqual([]);
});

test('no room in browser storage at start-up: the tab works in memory, says so, and keeps saying so', async ({ page, baseURL }) => {
  // Chromium's own quota for this origin, set before the first visit: too small even to make the store's folder.
  const origin = new URL(baseURL!).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 64 * 1024 });
  try {
    await openApp(page);
    const problem = page.getByTestId('saved-problem');
    await expect(problem).toContainText('Browser storage is full: the lakehouse cannot be stored in this browser, so this tab works in memory');
    await expect(problem).toContainText('storage quota');
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 180_000 });
    // The run's save stored nothing, and the notice did not give way to "Saved".
    await expect(page.getByTestId('saved-notice')).toHaveCount(0);
    await expect(problem).toContainText('this tab works in memory');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
});

test('storage full during a run: a clear message, and the store is never taken for a whole one', async ({ page, baseURL }) => {
  await openApp(page);
  // A real quota failure: Chromium's own quota for this origin, lowered to 3 MiB (the demo needs ~10).
  const origin = new URL(baseURL!).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3 * 2 ** 20 });
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const problem = page.getByTestId('saved-problem');
  await expect(problem).toContainText('Browser storage is full: the lakehouse could not be stored', { timeout: 180_000 });
  await expect(problem).toContainText('the stored copy is marked unfinished, and Reset frees the space');
  expect(await savedFiles(page)).not.toHaveProperty('manifest.json');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  // Nothing half-written is ever opened: the next start says so and offers Reset.
  await page.goto('/');
  await expect(problem).toContainText('a change did not finish: the checkpoint marker is missing', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);
  expect(JSON.parse(await readSavedFile(page, 'manifest.json')).tables).toEqual([]);
});
