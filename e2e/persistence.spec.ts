import type { Page } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, test } from './support/fixtures';
import { leaveApp, readSavedFile, runDemoAndSave, savedFiles, tableRows, truncateSavedFile, writeSavedFile } from './support/savedLakehouse';

/*
 * The lakehouse stored in the browser (OPFS: one DuckDB database file, plus a checkpoint
 * marker written after each checkpoint): a reload re-attaches the same tables, reports and
 * dashboard; Reset empties it; a damaged store is recognised at start-up, said in words,
 * and can be reset while the app keeps working.
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
  // One database file (DuckDB's WAL beside it, if any) and the marker listing every table.
  expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['lakehouse.duckdb', 'manifest.json']));
  expect(Object.keys(files).every((f) => ['lakehouse.duckdb', 'lakehouse.duckdb.wal', 'manifest.json'].includes(f))).toBe(true);
  const manifest = JSON.parse(await readSavedFile(page, 'manifest.json'));
  expect(manifest).toMatchObject({ format: 'pocket-lakehouse', version: 2, databaseBytes: files['lakehouse.duckdb'] });
  expect(manifest.tables.map((t: { layer: string; name: string }) => `${t.layer}.${t.name}`).sort()).toEqual(Object.keys(tables).sort());

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
  await expect(usage).toContainText(new RegExp(`${Object.keys(tables).length} tables, [\\d.]+ (KiB|MiB) database file`));
  await expect(usage).toContainText(/Used by this site[\d.]+ (KiB|MiB|bytes)/);
  await page.screenshot({ path: 'test-results/persistence-export-view.png', fullPage: true });
  // By keyboard: the confirmation takes the focus, so pressing Enter twice resets.
  await page.getByRole('button', { name: 'Start over: clear the lakehouse, its batches and saved data' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Confirm reset' })).toContainText('Remove every table and every batch from this tab and from browser storage?');
  await expect(page.getByRole('button', { name: 'Yes, start over' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Views' })).toHaveCount(0);
  // The old file is gone; what remains is a new, empty database and its marker.
  const afterReset = await savedFiles(page);
  expect(afterReset['lakehouse.duckdb']).toBeLessThan(files['lakehouse.duckdb']!);
  expect(JSON.parse(await readSavedFile(page, 'manifest.json')).tables).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
  await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  await expect(page.getByTestId('saved-problem')).toHaveCount(0);
});

test('a damaged store is reported at start-up with a reset, and the app keeps working', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await runDemoAndSave(page);
  const bytes = (await savedFiles(page))['lakehouse.duckdb']!;
  const problem = page.getByTestId('saved-problem');
  const damagedAtStart = async (message: string | RegExp) => {
    await page.goto('/');
    await expect(problem).toBeVisible({ timeout: 60_000 });
    await expect(problem).toHaveAttribute('role', 'alert');
    await expect(problem).toContainText(message);
    await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
    await expect(page.locator('[data-testid^="rows-"]')).toHaveCount(0);
  };

  // The database file cut short, as a crash or a full disk would leave it.
  await leaveApp(page);
  await truncateSavedFile(page, 'lakehouse.duckdb', Math.floor(bytes / 2));
  await damagedAtStart(`cannot be opened: its database file has ${Math.floor(bytes / 2)} bytes where ${bytes} were checkpointed (it was cut short)`);
  await page.screenshot({ path: 'test-results/persistence-damaged.png', fullPage: true });
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);
  expect(JSON.parse(await readSavedFile(page, 'manifest.json')).tables).toEqual([]);

  // A change that did not finish: files without a checkpoint marker.
  await leaveApp(page);
  await writeSavedFile(page, 'manifest.json', null);
  await damagedAtStart('a change did not finish: the checkpoint marker is missing');
  await page.getByRole('button', { name: 'Reset saved data' }).click();
  await expect(problem).toHaveCount(0);

  // A marker from another version of the app (version 1 was one Parquet file per table).
  await leaveApp(page);
  await writeSavedFile(page, 'manifest.json', JSON.stringify({ format: 'pocket-lakehouse', version: 1, tables: [] }));
  await damagedAtStart('it was saved in format version 1, and this version of the app reads version 2');
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

test('embed mode without data=demo shows the lakehouse the app saved in this browser, while the app stays open', async ({ page }) => {
  await runDemoAndSave(page);
  const revenue = await stateRevenue(page);
  // A second page beside the app, which keeps the database file open: the embed reads a copy of it.
  const embed = await page.context().newPage();
  await embed.goto('/?embed=dashboard&charts=revenue-by-state');
  await expect(embed.getByTestId('embed-no-data')).toHaveCount(0);
  await expect(embed.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(1, { timeout: 120_000 });
  const labels = await embed.getByTestId('chart-revenueByState').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  expect(labels.sort()).toEqual(revenue);
  // The app was not disturbed: it still has its tables and keeps saving.
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expect(page.locator('[data-testid^="rows-"]').first()).toBeVisible();
  await embed.close();
});
