import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { dropFile, expect, openApp, shownRows, test } from './support/fixtures';

/** The real mariadb-dump fixtures (fixtures/mysql/README.md) loaded in the browser. */
const FIXTURES = fileURLToPath(new URL('../fixtures/mysql', import.meta.url));
const OLIST_COUNTS: Record<string, number> = {
  'bronze.customers': 40,
  'bronze.orders': 40,
  'bronze.order_items': 45,
  'bronze.order_payments': 43,
  'bronze.order_reviews': 40,
  'bronze.products': 22,
  'bronze.sellers': 3,
  'bronze.category_translation': 71,
  'bronze.edge_cases': 6,
};

test('a gzipped mariadb-dump picked in the page loads every table, and the pipeline runs on it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'default.sql.gz'));
  await expect.poll(() => shownRows(page, 'bronze.orders'), { timeout: 60_000 }).toBe(40);
  for (const [table, rows] of Object.entries(OLIST_COUNTS)) expect(await shownRows(page, table), table).toBe(rows);
  await expect(page.getByTestId('load-summary')).toContainText('1 file loaded into 9 tables, 310 rows');
  await page.getByText(/^Notes \(/).click();
  await expect(page.locator('.notes')).toContainText('view delivered_orders skipped');
  await expect(page.locator('.notes')).toContainText('edge_cases.c_zero_datetime: 3 zero date(s) (0000-00-00) loaded as NULL');
  // Typed bronze flows through silver into gold: 33 delivered orders with a delivery date.
  await expect.poll(() => shownRows(page, 'gold.delivery_performance'), { timeout: 60_000 }).toBe(33);
  await page.getByTestId('table-bronze.edge_cases').click();
  await expect(page.locator('.preview td').filter({ hasText: /^18446744073709551615$/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/dump-loaded.png', fullPage: true });
});

test('dumps dropped as a zip with a --tab export folder load side by side', async ({ page }) => {
  await openApp(page);
  const tab = Object.fromEntries(readdirSync(join(FIXTURES, 'tab')).map((n) => [`export/tab/${n}`, new Uint8Array(readFileSync(join(FIXTURES, 'tab', n)))]));
  const zip = zipSync({ ...tab, 'export/databases.sql': new Uint8Array(readFileSync(join(FIXTURES, 'databases.sql'))) });
  await dropFile(page, 'shop-export.zip', zip, 'application/zip');
  // Both hold the same shop: every Olist table has its rows twice, one copy per file.
  await expect.poll(() => shownRows(page, 'bronze.orders'), { timeout: 60_000 }).toBe(80);
  expect(await shownRows(page, 'bronze.other_db__notes')).toBe(3);
  expect(await shownRows(page, 'bronze.olist_shop__edge_cases')).toBe(6);
  expect(await shownRows(page, 'bronze.edge_cases')).toBe(6);
});

test('a dump cut off inside an INSERT loads the rows before the cut and names the position', async ({ page }) => {
  await openApp(page);
  const full = readFileSync(join(FIXTURES, 'default.sql'));
  const start = full.indexOf('INSERT INTO `orders` VALUES');
  let cut = start;
  for (let i = 0; i < 3; i++) cut = full.indexOf('\n(', cut + 1);
  await page.getByTestId('file-input').setInputFiles([{ name: 'cut.sql', mimeType: 'application/sql', buffer: full.subarray(0, cut + 21) }]);
  await expect.poll(() => shownRows(page, 'bronze.orders'), { timeout: 60_000 }).toBe(2);
  await page.screenshot({ path: 'test-results/dump-cut.png', fullPage: true });
  await expect.poll(() => shownRows(page, 'quarantine.orders')).toBe(1);
  const line = full.subarray(0, cut + 1).toString('latin1').split('\n').length;
  await expect(page.locator('.quarantine-note')).toContainText(`cut.sql: 1 row in quarantine.orders — e.g. cut.sql (line ${line}, statement`);
  await expect(page.locator('.quarantine-note')).toContainText('the file ends inside this INSERT');
});
