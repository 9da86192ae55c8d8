import { expect, openApp, shownRows, test } from './support/fixtures';
import { openHistory, versionRows } from './support/versionHistory';

/*
 * The demo draws its first chart before its version commit and run record are written
 * (src/lakehouse/firstChart/runOrder.ts): both still happen, and a look at them right
 * after the chart waits for them rather than seeing nothing; the save marks the stored
 * lakehouse whole after them, and a reload restores the same version.
 */
test('after the demo, the first chart comes first; its version and run are there when asked for at once, saved, and restored', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.locator('.vega-chart[data-rendered-key]').first()).toBeVisible({ timeout: 120_000 });
  // Straight from the chart to the history: the demo's batch is version 1, with every row of the table.
  await openHistory(page, 'bronze.orders');
  const rows = await shownRows(page, 'bronze.orders');
  expect(await versionRows(page)).toEqual([[1, rows, 0, 0]]);
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(page.getByTestId('run-list').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });

  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored \d+ tables/, { timeout: 60_000 });
  await openHistory(page, 'bronze.orders');
  expect(await versionRows(page)).toEqual([[1, rows, 0, 0]]);
});

/*
 * In order of need (src/lakehouse/firstChart/orderOfNeed.ts): the first chart is drawn
 * while the other models and every check still run. `?fault=silver.geolocation` makes the
 * location map's model fail its first try and wait before the retry, so that there is time
 * to look at the page in between.
 */
test('the first chart is drawn while the run goes on: the other charts and the status area say so, and the checks found after it are shown', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '?fault=silver.geolocation');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.locator('.vega-chart[data-rendered-key]').first()).toBeVisible({ timeout: 120_000 });
  const status = page.getByTestId('status-area');
  // The run's progress, above the chart, instead of its summary.
  await expect(status.getByTestId('model-progress')).toBeVisible();
  await expect(status.getByTestId('model-progress').getByRole('status')).toHaveText(/^(Building: \d+ of 21 models done|21 of 21 models done — running the checks)/);
  await expect(page.getByTestId('pipeline-summary')).toHaveCount(0);
  // The location map reads silver.geolocation, which is not built yet: it says so rather than drawing an empty map.
  const map = page.getByTestId('chart-revenueByLocation');
  await expect(map.getByText('Building this chart…')).toBeVisible();
  await expect(map.locator('.chart-body')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('dashboard').getByRole('status')).toContainText(/charts ready · the others are still being built/);
  await page.screenshot({ path: 'test-results/first-chart-while-building.png' });

  // Then the whole run: every model, every check, and the checks that failed (all found after the first chart).
  const summary = page.getByTestId('pipeline-summary');
  await expect(summary).toBeVisible({ timeout: 120_000 });
  await expect(summary).toContainText(/21 of 21 models built · \d+ of \d+ expectations pass · 0 errors, 7 warnings/);
  await expect(page.getByTestId('status-area').getByText('7 expectations did not pass')).toBeVisible();
  await page.getByTestId('status-area').getByText('7 expectations did not pass').click();
  await expect(page.getByTestId('status-area')).toContainText('silver.order_payments');
  await expect(page.getByTestId('model-progress')).toHaveCount(0);
  await expect(page.locator('.vega-chart[data-rendered-key]')).toHaveCount(9, { timeout: 60_000 });
  await expect(map.getByText('Building this chart…')).toHaveCount(0);
});
