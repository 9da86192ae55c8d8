import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { dropFile, expect, openApp, shownRows, test } from './support/fixtures';

/** The Mongo fixtures (fixtures/mongo/README.md) loaded in the browser. */
const FIXTURES = fileURLToPath(new URL('../fixtures/mongo', import.meta.url));

test('a mongodump folder dropped as a zip loads each collection, metadata files skipped', async ({ page }) => {
  await openApp(page);
  const shop = join(FIXTURES, 'dump', 'shop');
  const zip = zipSync(Object.fromEntries(readdirSync(shop).map((n) => [`dump/shop/${n}`, new Uint8Array(readFileSync(join(shop, n)))])));
  await dropFile(page, 'mongodump.zip', zip, 'application/zip');
  await expect.poll(() => shownRows(page, 'bronze.products'), { timeout: 60_000 }).toBe(24);
  expect(await shownRows(page, 'bronze.category_translation')).toBe(71);
  expect(await shownRows(page, 'bronze.mixed_types')).toBe(5);
  await expect(page.locator('.skipped')).toContainText('mongodump.zip/dump/shop/products.metadata.json (not a data file)');
  // Recognised Mongo collections feed silver like the CSVs would.
  await expect.poll(() => shownRows(page, 'silver.category_translation'), { timeout: 60_000 }).toBe(71);
  await page.getByTestId('table-bronze.mixed_types').click();
  await expect(page.locator('.preview')).toBeVisible();
  await page.screenshot({ path: 'test-results/mongo-loaded.png', fullPage: true });
});

test('mongoexport files picked in the page: canonical and --jsonArray, and a damaged export quarantined by line', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles([
    join(FIXTURES, 'export', 'canonical', 'products.json'),
    join(FIXTURES, 'export', 'array', 'product_categories.json'),
  ]);
  await expect.poll(() => shownRows(page, 'bronze.products'), { timeout: 60_000 }).toBe(24);
  expect(await shownRows(page, 'bronze.category_translation')).toBe(71);

  await page.getByTestId('file-input').setInputFiles([{ name: 'damaged.json', mimeType: 'application/json', buffer: readFileSync(join(FIXTURES, 'export', 'damaged', 'products.json')) }]);
  await expect(page.locator('.ingest-summary .quarantine-note')).toContainText('damaged.json: 3 rows in quarantine.products');
  await expect(page.locator('.ingest-summary .quarantine-note')).toContainText('damaged.json (line 3');
  await expect.poll(() => shownRows(page, 'quarantine.products')).toBe(3);
});

test('a mongodump --gzip folder picked through the folder picker loads its collection, metadata skipped', async ({ page }) => {
  await openApp(page);
  // Playwright uploads a directory to a webkitdirectory input as the browser would: every
  // file with its relative path (dump-gzip/shop/products.bson.gz, …).
  await page.getByTestId('folder-input').setInputFiles(join(FIXTURES, 'dump-gzip'));
  await expect.poll(() => shownRows(page, 'bronze.products'), { timeout: 60_000 }).toBe(24);
  await expect(page.locator('.skipped')).toContainText('dump-gzip/shop/products.metadata.json (not a data file)');
});
