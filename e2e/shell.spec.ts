import { generateOlist } from '../src/demo/generateOlist';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, shownRows, test } from './support/fixtures';

/*
 * The first five minutes: the demo (and a first load that builds gold) lands on the
 * dashboard with the first chart above the fold; later loads keep the view the user
 * chose; the status strip opens its details; on a phone nothing widens the page.
 */

const allRendered = (page: import('@playwright/test').Page) => expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 120_000 });

test('the demo lands on the dashboard with the first chart above the fold at 1366×768; a later load keeps the view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true', { timeout: 120_000 });
  await expect(page).toHaveURL(/[?&]view=dashboard/);
  await allRendered(page);
  // Nothing scrolled, and the first chart (its drawing, not only its card) starts inside the window.
  expect(await page.evaluate(() => scrollY)).toBe(0);
  const first = page.locator('[data-chart] .vega-chart svg').first();
  expect((await first.boundingBox())!.y).toBeLessThan(768);
  await expect(first).toBeInViewport();

  // The status strip: sources, models and checks, saved state; each opens its details.
  const status = page.getByTestId('status-area');
  await expect(status.getByTestId('load-summary')).toContainText('9 files loaded into 9 tables');
  await expect(status.getByTestId('pipeline-summary')).toContainText(/\d+ of \d+ models built · \d+ of \d+ expectations pass/);
  await expect(status.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
  await status.getByText('Models', { exact: true }).click();
  await expect(status.locator('.pipeline-summary tbody tr').first()).toBeVisible();
  await status.getByText('Models', { exact: true }).click();
  await status.getByText('Files and tables').focus();
  await page.keyboard.press('Enter');
  await expect(status.locator('.ingest-summary tbody tr')).toHaveCount(9);

  // A later load, with the SQL console open, leaves the user there.
  await page.getByRole('tab', { name: 'SQL console' }).click();
  const csv = 'order_id,customer_id,order_status,order_purchase_timestamp\nlater-1,later-c1,delivered,2018-01-02 10:00:00\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'later_orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('load-summary')).toContainText('1 file loaded into 1 table', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('tab', { name: 'SQL console' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/[?&]view=console/);
});

test('a first load of files that builds gold lands on the dashboard; one that builds no gold stays on Tables', async ({ page }) => {
  await openApp(page);
  // A table the pipeline does not recognise: loaded into bronze, no gold from it.
  await page.getByTestId('file-input').setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,units\na,1\n') });
  await expect.poll(() => shownRows(page, 'bronze.stock'), { timeout: 120_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('tab', { name: 'Tables' })).toHaveAttribute('aria-selected', 'true');

  // The Olist files (the demo's generator, small): the first load that builds gold.
  const files = generateOlist({ sf: 0.02 }).map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.bytes) }));
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true', { timeout: 120_000 });
  await allRendered(page);
});

test('at 390 px wide nothing widens the page after the demo, on the dashboard and with the details open', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await allRendered(page);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  expect(await fits()).toBe(true);
  const status = page.getByTestId('status-area');
  await status.getByText('Models', { exact: true }).click();
  await status.getByText('Files and tables').click();
  await expect(status.locator('.pipeline-summary tbody tr').first()).toBeVisible();
  expect(await fits()).toBe(true);
  // The tabs stay one row that scrolls sideways; every tab is still reachable by keyboard.
  await page.getByRole('tab', { name: 'Dashboard' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Export & storage' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Export & storage' })).toBeInViewport();
  expect(await fits()).toBe(true);
});
