import { generateOlist } from '../src/demo/generateOlist';
import { DEMO_SCALE } from '../src/ui/load/demoScale';
import { changedOrdersFile } from '../src/lakehouse/versions/testing/changedOrders';
import { expect, openApp, shownRows, test } from './support/fixtures';
import { consoleValue, openHistory, versionRows } from './support/versionHistory';

/*
 * Versions in the app, on the OPFS-stored lakehouse: the demo is version 1; a second file
 * of a few changed orders and one new order is version 2 (bronze gains its rows, silver
 * the new order and the changed ones' new status); the history lists both with their counts, the console reads version 1
 * with as_of(), two versions are diffed, the lakehouse is rolled back to version 1 (a new
 * version 3), and after a reload the stored file has the same versions.
 */
const demo = generateOlist({ sf: DEMO_SCALE }).map((f) => ({ path: f.name, bytes: f.bytes }));
const update = changedOrdersFile(demo);

test('versions: history, as_of in the console, diff, rollback, and the same versions after a reload', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
  const bronze1 = await shownRows(page, 'bronze.orders');
  const silver1 = await shownRows(page, 'silver.orders');

  await page.getByTestId('file-input').setInputFiles({ name: update.path, mimeType: 'text/csv', buffer: Buffer.from(update.bytes) });
  await expect.poll(() => shownRows(page, 'bronze.orders'), { timeout: 120_000 }).toBe(bronze1 + 4);
  // The run after the load: silver gains the new order and the re-exported ones win (a later batch wins by key), and it is saved.
  await expect.poll(() => shownRows(page, 'silver.orders'), { timeout: 120_000 }).toBe(silver1 + 1);
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });

  await openHistory(page, 'bronze.orders');
  expect(await versionRows(page)).toEqual([
    [2, 4, 0, 0],
    [1, bronze1, 0, 0],
  ]);
  await openHistory(page, 'silver.orders');
  expect((await versionRows(page))[0]).toEqual([2, 1, update.orderIds.length, 0]);
  // An unchanged table has no version 2.
  await openHistory(page, 'bronze.customers');
  expect((await versionRows(page)).map((r) => r[0])).toEqual([1]);

  // The previous version from the console.
  expect(await consoleValue(page, "SELECT count(*) AS n FROM as_of('bronze.orders', 1)")).toBe(String(bronze1));
  expect(await consoleValue(page, `SELECT count(*) AS n FROM as_of('silver.orders', 1) WHERE order_id = '${update.newOrderId}'`)).toBe('0');

  // Diff version 1 → 2 of silver.orders: the new order, added.
  await page.getByRole('tab', { name: 'Tables' }).click();
  await openHistory(page, 'silver.orders');
  await page.getByLabel('From version').selectOption('1');
  await page.getByLabel('To version').selectOption('2');
  await page.getByRole('button', { name: 'Show differences' }).click();
  const diff = page.getByTestId('version-diff');
  await expect(diff).toHaveAttribute('data-added', '1');
  await expect(diff).toHaveAttribute('data-removed', '0');
  await expect(diff.locator('tbody tr[data-change="added"]')).toContainText(update.newOrderId);
  await page.screenshot({ path: 'test-results/versions-history.png', fullPage: true });

  // Roll back to version 1: confirmation first, then a new version 3 that restores it.
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Roll the lakehouse back to version 1?');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await expect(confirm.getByRole('button', { name: 'Roll back to version 1' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-notice')).toContainText('committed as version 3', { timeout: 60_000 });
  await expect.poll(() => versionRows(page)).toEqual([
    [3, 0, update.orderIds.length, 1],
    [2, 1, update.orderIds.length, 0],
    [1, silver1, 0, 0],
  ]);
  // The selected table's grid is drawn anew, and the save after the rollback is shown.
  await expect(page.getByText(`${silver1.toLocaleString('en-US')} rows`, { exact: true })).toBeVisible();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/);
  await expect.poll(() => shownRows(page, 'bronze.orders')).toBe(bronze1);
  expect(await shownRows(page, 'silver.orders')).toBe(silver1);
  await page.screenshot({ path: 'test-results/versions-rollback.png', fullPage: true });

  // The stored lakehouse re-attached after a reload has the same versions.
  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored \d+ tables/, { timeout: 60_000 });
  await openHistory(page, 'bronze.orders');
  expect(await versionRows(page)).toEqual([
    [3, 0, 0, 4],
    [2, 4, 0, 0],
    [1, bronze1, 0, 0],
  ]);
  expect(await consoleValue(page, "SELECT count(*) AS n FROM as_of('bronze.orders', 2)")).toBe(String(bronze1 + 4));
});
