import type { Page } from '@playwright/test';
import { expect, openApp, shownRows, test } from './support/fixtures';
import { expectViewFitsNarrowScreen } from './support/viewWidth';

/*
 * The catalog on the demo data: every table of the Tables view with the same row counts,
 * column types from DuckDB, descriptions from the model headers, PII tags, search, and a
 * gold column's lineage back to bronze columns and the files they were loaded from.
 */

async function openDemo(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
}

const catalogTable = (page: Page, id: string) => page.getByTestId(`catalog-table-${id}`);

test('the catalog lists every table with its rows, columns, types, descriptions and PII tags', async ({ page }) => {
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openDemo(page);
  // The demo lands on the dashboard: the table list is on the Tables tab.
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expect(page.getByTestId('table-gold.customer_ltv')).toBeVisible();
  const listed = await page.locator('.table-list [data-testid^="table-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('table-', '')));
  const ltvRows = await shownRows(page, 'gold.customer_ltv');
  const bronzeOrders = await shownRows(page, 'bronze.orders');
  expect(listed.length).toBeGreaterThan(30);

  await page.getByRole('tab', { name: 'Catalog' }).click();
  const tables = page.locator('[data-testid^="catalog-table-"]');
  await expect(tables).toHaveCount(listed.length);
  expect(await tables.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('catalog-table-', '')))).toEqual(listed);
  await expect(catalogTable(page, 'gold.customer_ltv').locator('.rows')).toHaveText(ltvRows.toLocaleString('en-US'));

  await catalogTable(page, 'gold.customer_ltv').click();
  await expect(catalogTable(page, 'gold.customer_ltv')).toHaveAttribute('aria-expanded', 'true');
  const detail = page.getByTestId('catalog-detail');
  await expect(detail.getByRole('heading', { name: /gold\.customer_ltv/ })).toBeVisible();
  await expect(page.getByTestId('catalog-rows')).toHaveText(`${ltvRows.toLocaleString('en-US')} rows`);
  await expect(detail).toContainText('Customer lifetime value: what each person has bought, and a 12-month prediction.');
  const row = (name: string) => detail.locator('tbody tr').filter({ has: page.getByRole('button', { name, exact: true }) });
  await expect(row('revenue')).toContainText('DECIMAL(12,2)');
  await expect(row('avg_order_value')).toContainText('avg_order_value = revenue / orders');
  await expect(row('customer_unique_id')).toContainText('customer id');
  await expect(row('first_purchase_at')).toContainText('TIMESTAMP');

  // A bronze table: text columns, the file it came from, PII tags on the person's data.
  await catalogTable(page, 'bronze.customers').click();
  await expect(detail).toContainText('demo/olist_customers_dataset.csv');
  await expect(row('customer_zip_code_prefix')).toContainText('zip prefix');
  await expect(row('customer_city')).toContainText('city');
  await expect(row('customer_state')).not.toContainText('PII');
  await catalogTable(page, 'bronze.orders').click();
  await expect(page.getByTestId('catalog-rows')).toHaveText(`${bronzeOrders.toLocaleString('en-US')} rows`);
  await page.screenshot({ path: 'test-results/catalog-table.png', fullPage: true });
});

test('a gold column shows its lineage back to bronze columns and their files', async ({ page }) => {
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openDemo(page);
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await catalogTable(page, 'gold.rfm').click();
  await page.getByTestId('catalog-column-gold.rfm.monetary').click();
  const detail = page.getByTestId('catalog-detail');
  await expect(detail.getByRole('heading', { name: 'gold.rfm.monetary' })).toBeVisible();
  await expect(page.getByTestId('catalog-column-type')).toHaveText('DECIMAL(12,2)');
  const lineage = page.getByTestId('column-lineage');
  await expect(lineage).toContainText('gold.rfm.monetary comes from 2 bronze columns: bronze.order_items.freight_value, bronze.order_items.price.');
  // The path: rfm.monetary ← customer_ltv.revenue ← order_facts.revenue ← silver.order_items.price ← bronze.order_items.price.
  const path = ['gold.rfm.monetary', 'gold.customer_ltv.revenue', 'gold.order_facts.revenue', 'silver.order_items.price', 'bronze.order_items.price'];
  const chain = lineage.locator(path.map((p) => `li[data-lineage="${p}"]`).join(' > ul > '));
  await expect(chain).toHaveCount(1);
  await expect(chain.locator('.lineage-files')).toHaveText('← loaded from demo/olist_order_items_dataset.csv');
  await page.screenshot({ path: 'test-results/catalog-lineage.png', fullPage: true });
  await expectViewFitsNarrowScreen(page, 'Catalog', '.catalog-view');
  await page.screenshot({ path: 'test-results/catalog-narrow.png', fullPage: true });
  await page.setViewportSize({ width: 1300, height: 1000 });

  // A column computed from nothing (a count) says so.
  await catalogTable(page, 'gold.customer_ltv').click();
  await page.getByTestId('catalog-column-gold.customer_ltv.orders').click();
  await expect(page.getByTestId('column-lineage')).toContainText('reads no source column');
});

test('search finds columns by name and PII tag, and the tree works from the keyboard', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('tab', { name: 'Catalog' }).click();
  const search = page.getByLabel('Search tables and columns');
  await search.fill('zip prefix');
  // Zip prefixes: customers and sellers in bronze, silver and quarantine, and geolocation's.
  const found = page.locator('[data-testid^="catalog-column-"]');
  const names = await found.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('catalog-column-', '')));
  expect(names).toContain('silver.customers.customer_zip_code_prefix');
  expect(names).toContain('bronze.sellers.seller_zip_code_prefix');
  expect(names.every((n) => /zip_code_prefix$/.test(n))).toBe(true);
  await expect(found.locator('.pii-tag')).toHaveCount(names.length);

  await search.fill('no column is called this');
  await expect(page.getByText('No table or column matches the search.')).toBeVisible();

  // Keyboard: from the search box, Tab reaches the first table; Enter opens it.
  await search.fill('');
  await search.focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-testid^="catalog-table-"]').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="catalog-table-"]').first()).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-testid^="catalog-column-"]').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('catalog-column-type')).toBeVisible();

  // Arrow keys: down to the next column, left back up to the table, left again closes it,
  // down to the next table, right opens it.
  const firstTable = page.locator('[data-testid^="catalog-table-"]').first();
  const secondTable = page.locator('[data-testid^="catalog-table-"]').nth(1);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid^="catalog-column-"]').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(firstTable).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(firstTable).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(secondTable).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(secondTable).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const column = page.locator('[data-testid^="catalog-column-"]').first();
  await expect(column).toBeFocused();
  expect(await column.getAttribute('data-testid')).toContain(`catalog-column-${(await secondTable.getAttribute('data-testid'))!.replace('catalog-table-', '')}.`);
});
