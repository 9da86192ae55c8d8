import { generateOlist } from '../src/demo/generateOlist';
import { recogniseSource } from '../src/ingest/recogniseSource';
import { readCsvHeader } from '../src/ingest/csv/csvHeader';
import { countCsvRecords } from '../src/testing/countCsvRecords';
import { expect, openApp, shownRows, test } from './support/fixtures';

const DEMO_SCALE = 0.1;

test('the demo loads nine Olist tables into bronze with the generated row counts, offline', async ({ page, requests, pageErrors }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled();
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Generating|Loading|Reading/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Last load' })).toBeVisible({ timeout: 90_000 });

  const files = generateOlist({ sf: DEMO_SCALE });
  expect(files).toHaveLength(9);
  for (const f of files) {
    const source = recogniseSource(readCsvHeader(f.name, f.bytes).columns);
    expect(source, f.name).toBeDefined();
    expect(await shownRows(page, `bronze.${source}`), f.name).toBe(countCsvRecords(f.bytes));
  }
  await expect(page.getByText(/9 files loaded/)).toBeVisible();

  // Then silver and gold are built from it, every model succeeding.
  const summary = page.getByTestId('pipeline-summary');
  await expect(summary).toBeVisible({ timeout: 90_000 });
  const [, built, total] = /(\d+) of (\d+) models built/.exec((await summary.textContent()) ?? '') ?? [];
  expect(Number(total)).toBeGreaterThanOrEqual(17);
  expect(built).toBe(total);
  for (const table of ['silver.orders', 'silver.customers', 'gold.customer_ltv', 'gold.rfm', 'gold.revenue_by_state', 'gold.revenue_monthly', 'gold.delivery_by_state']) {
    expect(await shownRows(page, table), table).toBeGreaterThan(0);
  }
  expect(await shownRows(page, 'silver.orders')).toBe(await shownRows(page, 'bronze.orders'));
  expect(await shownRows(page, 'quarantine.geolocation')).toBeGreaterThan(0);
  await page.getByTestId('table-gold.rfm').click();
  await expect(page.locator('.preview th')).toContainText(['customer_unique_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment']);

  // Money reads as money in the grid (DECIMAL arrives unscaled from Arrow).
  await page.getByTestId('table-gold.revenue_by_state').click();
  // The preview changes when the worker answers (later while it saves the lakehouse in the background).
  await expect(page.getByRole('heading', { name: /gold\.revenue_by_state/ })).toBeVisible();
  const revenueColumn = await page.locator('.preview th').allTextContents();
  const revenueIndex = revenueColumn.findIndex((h) => h.startsWith('revenue'));
  const firstRevenue = await page.locator(`.preview tbody tr:first-child td:nth-child(${revenueIndex + 1})`).textContent();
  expect(firstRevenue).toMatch(/^\d+\.\d{2}$/);

  await page.getByTestId('table-bronze.orders').click();
  await expect(page.getByRole('heading', { name: /bronze\.orders/ })).toBeVisible();
  await expect(page.locator('.preview th')).toContainText(['order_id', 'customer_id', 'order_status']);
  await expect(page.locator('.preview th').filter({ hasText: '_loaded_at' })).toContainText('TIMESTAMP');
  await page.screenshot({ path: 'test-results/demo.png', fullPage: true });

  // The WASM builds came from our own origin (the recorder sees worker requests too).
  expect(requests.some((u) => /duckdb-(eh|coi)[^/]*\.wasm$/.test(u))).toBe(true);
  expect(pageErrors).toEqual([]);
});
