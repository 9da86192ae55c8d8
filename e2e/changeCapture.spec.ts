import { generateOlist } from '../src/demo/generateOlist';
import { debeziumOrderChanges } from '../src/ingest/cdc/testing/debeziumOrderChanges';
import { DEMO_SCALE } from '../src/ui/load/demoScale';
import { expect, openApp, shownRows, test } from './support/fixtures';
import { consoleValue, openHistory, versionRows } from './support/versionHistory';

/*
 * Issue 15's walk through, on the OPFS-stored lakehouse: the demo is batch 1; a Debezium
 * topic dump that cancels two orders and deletes two others is batch 2, merged into silver
 * by key; gold's revenue drops by exactly those orders' revenue; silver.orders' history
 * shows the version with its updates and deletes; the console reads the previous version;
 * the two versions are diffed; a rollback restores batch 1 as a new version; after a reload
 * the same versions are there.
 */
const demo = generateOlist({ sf: DEMO_SCALE }).map((f) => ({ path: f.name, bytes: f.bytes }));
const changes = debeziumOrderChanges(demo, 2, 2);
const changed = [...changes.cancelled, ...changes.deleted].map((id) => `'${id}'`).join(', ');

const revenue = 'SELECT sum(revenue)::DECIMAL(18,2)::VARCHAR AS r FROM gold.revenue_monthly';

test('a Debezium batch updates and deletes orders; gold follows; history, as_of, diff, rollback, and the same versions after a reload', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
  const silver1 = await shownRows(page, 'silver.orders');
  const revenue1 = await consoleValue(page, revenue);
  // What gold's revenue must become: the same sum without the four orders.
  const expected = await consoleValue(page, `SELECT (sum(revenue) FILTER (WHERE is_revenue_bearing AND order_id NOT IN (${changed})))::DECIMAL(18,2)::VARCHAR AS r FROM gold.order_facts`);
  expect(Number(expected)).toBeLessThan(Number(revenue1));

  await page.getByTestId('file-input').setInputFiles({ name: changes.path, mimeType: 'application/json', buffer: Buffer.from(changes.bytes) });
  await expect.poll(() => shownRows(page, 'silver.orders'), { timeout: 120_000 }).toBe(silver1 - 2);
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
  expect(await consoleValue(page, revenue)).toBe(expected);
  expect(await consoleValue(page, `SELECT string_agg(DISTINCT order_status, ',') AS s FROM silver.orders WHERE order_id IN (${changed})`)).toBe('canceled');
  // Batch 2's rows say where they came from.
  expect(await consoleValue(page, "SELECT array_to_string(list_sort(list(DISTINCT _batch || ' ' || _source_kind || ' ' || _op)), ',') AS b FROM bronze.orders WHERE _batch = 2")).toBe('2 debezium d,2 debezium u');

  await openHistory(page, 'silver.orders');
  expect(await versionRows(page)).toEqual([
    [2, 0, 2, 2],
    [1, silver1, 0, 0],
  ]);
  await openHistory(page, 'gold.revenue_monthly');
  expect((await versionRows(page)).map((r) => r[0])).toEqual([2, 1]);

  // The previous version from the console.
  expect(await consoleValue(page, "SELECT count(*) AS n FROM as_of('silver.orders', 1)")).toBe(String(silver1));
  expect(await consoleValue(page, `SELECT sum(revenue)::DECIMAL(18,2)::VARCHAR AS r FROM as_of('gold.revenue_monthly', 1)`)).toBe(revenue1);

  // Diff version 1 → 2 of silver.orders: two changed (their status named), two removed.
  await openHistory(page, 'silver.orders');
  await page.getByLabel('From version').selectOption('1');
  await page.getByLabel('To version').selectOption('2');
  await page.getByRole('button', { name: 'Show differences' }).click();
  const diff = page.getByTestId('version-diff');
  await expect(diff).toHaveAttribute('data-changed', '2');
  await expect(diff).toHaveAttribute('data-removed', '2');
  await expect(diff).toHaveAttribute('data-added', '0');
  for (const id of changes.cancelled) await expect(diff.locator('tbody tr[data-change="changed"]', { hasText: id })).toContainText('order_status');
  for (const id of changes.deleted) await expect(diff.locator('tbody tr[data-change="removed"]', { hasText: id })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/change-capture-diff.png', fullPage: true });
  // A wide table and its diff scroll in their own boxes: the page never gets wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // Roll back to version 1: a new version 3 that restores it, gold included.
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Roll back to version 1' }).click();
  await expect(page.getByTestId('history-notice')).toContainText('committed as version 3', { timeout: 60_000 });
  await expect.poll(() => versionRows(page)).toEqual([
    [3, 2, 2, 0],
    [2, 0, 2, 2],
    [1, silver1, 0, 0],
  ]);
  expect(await consoleValue(page, revenue)).toBe(revenue1);

  // The stored lakehouse re-attached after a reload has the same versions.
  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored \d+ tables/, { timeout: 60_000 });
  await openHistory(page, 'silver.orders');
  expect(await versionRows(page)).toEqual([
    [3, 2, 2, 0],
    [2, 0, 2, 2],
    [1, silver1, 0, 0],
  ]);
  expect(await consoleValue(page, "SELECT count(*) AS n FROM as_of('silver.orders', 2)")).toBe(String(silver1 - 2));
});
