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
