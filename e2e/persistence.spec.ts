import type { Page } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, test } from './support/fixtures';
import { runDemoAndSave, savedFiles, tableRows, writeSavedFile } from './support/savedLakehouse';

/*
 * The lakehouse saved in the browser (OPFS, Parquet per table plus a manifest written last):
 * a reload brings back the same tables, reports and dashboard; Reset empties it; a damaged
 * save is recognised at start-up, said in words, and can be reset while the app keeps working.
 */

/** The revenue-by-state marks' labels, e.g. "SP: revenue R$ 618,565.12, 4,054 orders, 3,910 customers". */
async function stateRevenue(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 60_000 });
  const labels = await page.getByTestId('chart-revenueByState').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  return labels.sort();
}

test('the demo lakehouse survives a reload, and Reset empties it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await runDemoAndSave(page);
  const tables = await tableRows(page);
  console.log(`saved ${Object.keys(tables).length} tables in ${await page.getByTestId('saved-ms').textContent()} s`);
  expect(Object.keys(tables).filter((t) => t.startsWith('gold.')).length).toBeGreaterThanOrEqual(8);
  expect(Object.keys(tables).some((t) => t.startsWith('quarantine.'))).toBe(true);
  expect(Object.keys(tables).filter((t) => t.startsWith('duplicates.')).length).toBe(9);
  const summary = await page.getByTestId('pipeline-summary').textContent();
  const revenue = await stateRevenue(page);
  expect(revenue.find((l) => l.startsWith('SP: revenue R$'))).toBeTruthy();
  const files = await savedFiles(page);
  expect(Object.keys(files)).toContain('manifest.json');
  // The Parquet was encoded in a worker of its own, so the lakehouse worker stayed free for queries.
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/\/parquet\.worker-[\w-]+\.js$/));
  expect(Object.keys(files).length).toBe(Object.keys(tables).length + 1);

  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('saved-notice')).toContainText(`Restored ${Object.keys(tables).length} tables`);
  console.log(`restored in ${await page.getByTestId('saved-ms').textContent()} s`);
  await page.getByRole('tab', { name: 'Tables' }).click();
  expect(await tableRows(page)).toEqual(tables);
  await expect(page.getByTestId('pipeline-summary')).toHaveText(summary!);
  expect(await stateRevenue(page)).toEqual(revenue);
  await page.screenshot({ path: 'test-results/persistence-restored.png', fullPage: true });

  // Storage used, then Reset (asked twice) clears the tab and the browser's copy.
  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const usage = page.getByTestId('storage-usage');
  await expect(usage).toContainText(new RegExp(`${Object.keys(tables).length} tables, [\\d.]+ (KiB|MiB) of Parquet`));
  await expect(usage).toContainText(/Used by this site[\d.]+ (KiB|MiB|bytes)/);
  await page.screenshot({ path: 'test-results/persistence-export-view.png', fullPage: true });
  // By keyboard: the confirmation takes the focus, so pressing Enter twice resets.
  await page.getByRole('button', { name: 'Reset: clear the lakehouse and saved data' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Confirm reset' })).toContainText('Remove every table from this tab and from browser storage?');
  await expect(page.getByRole('button', { name: 'Yes, reset' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Views' })).toHaveCount(0);
  expect(await savedFiles(page)).toEqual({});
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
  await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await expect(page.getByTestId('saved-problem')).toHaveCount(0);
});

test('a damaged save is reported at start-up with a reset, and the app keeps working', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runDemoAndSave(page);
  const files = Object.keys(await savedFiles(page));
  const gold = files.find((f) => f.startsWith('gold.customer_ltv'))!;
  expect(gold).toBeTruthy();
  // Garbage over one table's file, as a damaged disk would leave it.
  await writeSavedFile(page, gold, 'PAR1 this is not the file that was saved');

  await page.reload();
  const problem = page.getByTestId('saved-problem');
  await expect(problem).toBeVisible({ timeout: 60_000 });
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText(/cannot be restored: the file of gold\.customer_ltv has \d+ bytes where \d+ were saved/);
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
  await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/persistence-damaged.png', fullPage: true });
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);
  expect(await savedFiles(page)).toEqual({});

  // A save cut short: table files without a manifest.
  await writeSavedFile(page, 'bronze.orders.parquet', [80, 65, 82, 49]);
  await page.reload();
  await expect(problem).toContainText('a save did not finish (1 file without a manifest)', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);

  // A manifest from another version of the app.
  await writeSavedFile(page, 'manifest.json', JSON.stringify({ format: 'pocket-lakehouse', version: 99, tables: [] }));
  await page.reload();
  await expect(problem).toContainText('it was saved in format version 99', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);

  // And the app still loads data as usual.
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
});

test('opening the app without anything saved shows no notice', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
  await expect(page.getByTestId('saved-problem')).toHaveCount(0);
  await expect(page.getByTestId('saved-notice')).toHaveCount(0);
});

test('embed mode without data=demo shows the lakehouse the app saved in this browser', async ({ page }) => {
  await runDemoAndSave(page);
  const revenue = await stateRevenue(page);
  await page.goto('/?embed=dashboard&charts=revenue-by-state');
  await expect(page.getByTestId('embed-no-data')).toHaveCount(0);
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(1, { timeout: 120_000 });
  const labels = await page.getByTestId('chart-revenueByState').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  expect(labels.sort()).toEqual(revenue);
});
