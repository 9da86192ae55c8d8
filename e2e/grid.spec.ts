import { createHash } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, shownRows, test } from './support/fixtures';

/*
 * The data grid on a million-row table made in the SQL console: scrolling to the end
 * shows the last rows while the page holds only a few blocks; sorting and filtering run
 * in DuckDB and match what JavaScript computes from the same definition; keys move the
 * active cell; markup in values shows as text.
 */

const ROWS = 1_000_000;
const ROW_HEIGHT = 28;
/** At most this many blocks (of 200 rows) in the page, and a screenful or so of rows in the DOM. */
const MAX_BLOCKS = 8;
const MAX_DOM_ROWS = 80;

const md5 = (i: number) => createHash('md5').update(String(i)).digest('hex');

async function makeMillion(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'SQL console' }).click();
  const editor = page.getByLabel('SQL', { exact: true });
  await editor.fill(`CREATE TABLE silver.million AS
    SELECT range AS id, md5(range::VARCHAR) AS hash, range % 97 AS bucket, '<b>' || range || '</b>' AS html FROM range(${ROWS})`);
  await editor.press('Control+Enter');
  await expect(page.getByTestId('console-status')).toHaveText(/^Done: 1,000,000 rows changed/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expect.poll(() => shownRows(page, 'silver.million')).toBe(ROWS);
  await page.getByTestId('table-silver.million').click();
  await expect(page.getByRole('heading', { name: /silver\.million/ })).toBeVisible();
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Rows of silver.million' });
const scroller = (page: Page) => page.locator('.preview .dg-scroll');
const firstCells = (page: Page) => grid(page).locator('tbody tr:not(.dg-pending) td:first-child');
/** The id column's cell with this text (ids are unique). */
const idCell = (grid: Locator, id: number) => grid.locator('tbody td:first-child').filter({ hasText: new RegExp(`^${id}$`) });

async function expectBudget(grid: Locator): Promise<void> {
  expect(Number(await grid.getAttribute('data-blocks'))).toBeLessThanOrEqual(MAX_BLOCKS);
  expect(await grid.locator('tbody tr').count()).toBeLessThanOrEqual(MAX_DOM_ROWS);
}

test('pages through a million rows, sorted and filtered in DuckDB', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await makeMillion(page);

  const g = grid(page);
  await expect(page.getByTestId('grid-count')).toHaveText('1,000,000 rows');
  await expect(g).toHaveAttribute('aria-rowcount', String(ROWS + 1));
  await expect(g.locator('thead th')).toContainText(['idBIGINT', 'hashVARCHAR', 'bucketBIGINT', 'htmlVARCHAR']);
  await expect(firstCells(page).first()).toHaveText('0');
  await expectBudget(g);

  // Scrolling: the middle, then the very end, each showing its rows; the page keeps a few blocks.
  for (const row of [250_000, 500_123, 999_000]) {
    await scroller(page).evaluate((el, top) => el.scrollTo({ top }), row * ROW_HEIGHT);
    await expect(idCell(g, row)).toBeVisible();
    await expectBudget(g);
  }
  await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  // The page itself scrolled so that the grid's box ends in the window (the status strip above
  // it can wrap onto a second line at this width); the grid's own scroll stays at its end.
  await scroller(page).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await expect(idCell(g, ROWS - 1)).toBeInViewport();
  await expect(g.locator('tbody tr').last()).toContainText('<b>999999</b>');
  await expectBudget(g);

  // Keys: the grid takes focus; Ctrl+Home, arrows, Page Down and Ctrl+End move the active cell.
  await g.focus();
  await expect(g).toBeFocused();
  const active = () => g.evaluate((el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.textContent);
  await page.keyboard.press('Control+Home');
  await expect.poll(active).toBe('0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(active).toBe('2');
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Number(await active())).toBeGreaterThan(10);
  await page.keyboard.press('ArrowRight');
  await expect.poll(active).toMatch(/^[0-9a-f]{32}$/);
  await page.keyboard.press('Control+End');
  await expect.poll(active).toBe(md5(ROWS - 1));
  await page.keyboard.press('Home');
  await expect.poll(active).toBe(String(ROWS - 1));
  await expectBudget(g);

  // Sorting by hash: the smallest and largest md5 as JavaScript computes them.
  let min = 0;
  let max = 0;
  const hashes = Array.from({ length: ROWS }, (_, i) => md5(i));
  for (let i = 1; i < ROWS; i++) {
    if (hashes[i]! < hashes[min]!) min = i;
    if (hashes[i]! > hashes[max]!) max = i;
  }
  const hashHeader = g.locator('thead th').nth(1);
  await hashHeader.getByRole('button').click();
  await expect(hashHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstCells(page).first()).toHaveText(String(min), { timeout: 30_000 });
  await expect(g.locator('tbody tr').first().locator('td').nth(1)).toHaveText(hashes[min]!);
  // The end of the sorted table (paged from an ordered copy in the worker): the largest hash.
  await g.focus();
  await page.keyboard.press('Control+End');
  await expect(idCell(g, max)).toBeInViewport({ timeout: 30_000 });
  await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
  await hashHeader.getByRole('button').click();
  await expect(hashHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(firstCells(page).first()).toHaveText(String(max), { timeout: 30_000 });
  await hashHeader.getByRole('button').click();
  await expect(hashHeader).toHaveAttribute('aria-sort', 'none');

  // Filtering: bucket = 5 and a text filter; the counts are JavaScript's.
  await page.getByLabel('Filter bucket').fill('=5');
  const inBucket = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 97 === 5);
  await expect(page.getByTestId('grid-count')).toHaveText(`${inBucket.length.toLocaleString('en-US')} rows match the filters`);
  await expect(firstCells(page)).toHaveText(inBucket.slice(0, await firstCells(page).count()).map(String));
  // 9999 is in bucket 8: with both filters nothing matches, and the grid says so.
  await page.getByLabel('Filter html').fill('B>9999<');
  await expect(page.getByTestId('grid-count')).toHaveText('0 rows match the filters');
  await expect(page.getByText('No rows match the filters: change or clear them.')).toBeVisible();
  await expect(g.locator('tbody tr')).toHaveCount(0);
  await page.getByLabel('Filter bucket').fill('');
  await expect(page.getByTestId('grid-count')).toHaveText('1 row matches the filters');
  await expect(g.locator('tbody td')).toHaveText(['9999', md5(9999), String(9999 % 97), '<b>9999</b>']);
  // Markup in a value is text, not an element.
  await expect(g.locator('tbody b')).toHaveCount(0);
  await page.getByLabel('Filter id').fill('>5');
  await expect(page.getByRole('alert')).toContainText('Filter on id: Use >= or <=');
  await page.screenshot({ path: 'test-results/grid.png' });
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('grid-count')).toHaveText('1,000,000 rows');
});

test('a table longer than the scrollbar can hold is scrolled a million rows at a time', async ({ page }) => {
  const rows = 2_500_000;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'olist_orders_dataset.csv', mimeType: 'text/csv', buffer: Buffer.from('order_id,customer_id,order_status,order_purchase_timestamp\no1,c1,delivered,2018-01-02 10:00:00\n') });
  await expect.poll(() => shownRows(page, 'bronze.orders')).toBe(1);
  await page.getByRole('tab', { name: 'SQL console' }).click();
  await page.getByLabel('SQL', { exact: true }).fill(`CREATE TABLE gold.long AS SELECT range AS id FROM range(${rows})`);
  await page.getByLabel('SQL', { exact: true }).press('Control+Enter');
  await expect(page.getByTestId('console-status')).toHaveText(/^Done: 2,500,000 rows changed/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Tables' }).click();
  await page.getByTestId('table-gold.long').click();
  const g = page.getByRole('grid', { name: 'Rows of gold.long' });
  await expect(page.getByTestId('grid-count')).toHaveText('2,500,000 rows');
  await expect(page.getByTestId('grid-span')).toHaveText('Rows 1–1,000,000 of 2,500,000');
  await scroller(page).scrollIntoViewIfNeeded();

  // The end of the first million, then the next million from its first row.
  await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(idCell(g, 999_999)).toBeInViewport();
  await page.getByRole('button', { name: 'Next million' }).click();
  await expect(page.getByTestId('grid-span')).toHaveText('Rows 1,000,001–2,000,000 of 2,500,000');
  await expect(idCell(g, 1_000_000)).toBeInViewport();

  // Ctrl+End reaches the last row, in the last span.
  await g.focus();
  await page.keyboard.press('Control+End');
  await expect(page.getByTestId('grid-span')).toHaveText('Rows 2,000,001–2,500,000 of 2,500,000');
  await expect(idCell(g, rows - 1)).toBeInViewport();
  await expect.poll(() => g.evaluate((el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.textContent)).toBe(String(rows - 1));
  await expectBudget(g);
});
