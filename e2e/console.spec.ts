import type { Page } from '@playwright/test';
import { expect, openApp, shownRows, test } from './support/fixtures';

/*
 * The SQL console on the demo data: a query's rows in the grid (checked against the table
 * list's counts and the Tables view), history across a reload, DuckDB's error message,
 * cancelling a query that would run for minutes, statements that change tables, and
 * "chart this" drawing one mark per row.
 */

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
}

async function toTab(page: Page, name: 'SQL console' | 'Tables'): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

const editor = (page: Page) => page.getByLabel('SQL', { exact: true });
const status = (page: Page) => page.getByTestId('console-status');
const grid = (page: Page) => page.getByRole('grid', { name: 'Console result' });

async function runSql(page: Page, sql: string): Promise<void> {
  await editor(page).fill(sql);
  await editor(page).press('Control+Enter');
}

/** The console grid's rows as objects, column names from the header, once `count` rows are in. */
async function gridRows(page: Page, count: number): Promise<Record<string, string>[]> {
  await expect(grid(page).locator('tbody tr:not(.dg-pending)')).toHaveCount(count);
  const headers = await grid(page).locator('thead .col-name').allTextContents();
  const cells = await grid(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return cells.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]!])));
}

test('runs a query into the grid, keeps history, shows errors, charts the result', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await loadDemo(page);
  const rfm = await shownRows(page, 'gold.rfm');
  const orders = await shownRows(page, 'silver.orders');
  const states = await shownRows(page, 'gold.revenue_by_state');
  await toTab(page, 'SQL console');

  // Counts computed by DuckDB in the console equal the table list's.
  await runSql(page, "SELECT 'gold.rfm' AS t, count(*) AS n FROM gold.rfm UNION ALL SELECT 'silver.orders', count(*) FROM silver.orders ORDER BY t");
  await expect(status(page)).toHaveText(/^2 rows in /);
  const counts = await gridRows(page, 2);
  expect(counts).toEqual([
    { t: 'gold.rfm', n: String(rfm) },
    { t: 'silver.orders', n: String(orders) },
  ]);
  await expect(grid(page).locator('thead th').first()).toContainText('VARCHAR');
  await expect(grid(page).locator('thead th').nth(1)).toContainText('BIGINT');

  // DuckDB's own message, as an alert.
  await runSql(page, 'SELECT no_such_column FROM gold.rfm');
  await expect(page.getByRole('alert')).toContainText('Binder Error');
  await expect(page.getByRole('alert')).toContainText('no_such_column');
  await expect(grid(page)).toHaveCount(0);

  // A result the size of a table, sorted in the grid by DuckDB.
  const query = 'SELECT customer_state, orders, revenue FROM gold.revenue_by_state ORDER BY customer_state';
  await page.getByRole('button', { name: 'Run' }).focus();
  await editor(page).fill(query);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(status(page)).toHaveText(new RegExp(`^${states} rows in `));
  const byState = await gridRows(page, states);
  expect(byState).toHaveLength(states);
  expect(byState.map((r) => r.customer_state)).toEqual([...byState.map((r) => r.customer_state)].sort());
  await grid(page).getByRole('button', { name: /^revenue/ }).click();
  await grid(page).getByRole('button', { name: /^revenue/ }).click();
  await expect(grid(page).locator('thead th').nth(2)).toHaveAttribute('aria-sort', 'descending');
  const top = [...byState].sort((a, b) => Number(b.revenue) - Number(a.revenue))[0]!;
  await expect(grid(page).locator('tbody tr').first().locator('td').first()).toHaveText(top.customer_state!);

  // Chart this: one bar per row, labelled with its values.
  await page.getByRole('button', { name: 'Chart this' }).click();
  await page.getByLabel('Mark').selectOption('bar');
  await page.getByLabel('X', { exact: true }).selectOption('customer_state');
  await page.getByLabel('Y', { exact: true }).selectOption('revenue');
  const chart = page.getByTestId('console-chart');
  await expect(chart.locator('.vega-chart[data-rendered-key]')).toHaveCount(1);
  const bars = chart.locator('svg path[aria-roledescription="bar"]');
  await expect(bars).toHaveCount(states);
  const label = await bars.first().getAttribute('aria-label');
  expect(label).toContain(`customer_state: ${byState[0]!.customer_state}`);
  await page.screenshot({ path: 'test-results/console.png', fullPage: true });

  // History: kept in this browser, most recent first, across a reload.
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible();
  await loadDemo(page);
  await toTab(page, 'SQL console');
  await editor(page).fill('');
  await page.getByText(/^History \(3\)$/).click();
  const history = page.getByRole('list', { name: 'Query history' }).getByRole('button');
  await expect(history).toHaveText([query, 'SELECT no_such_column FROM gold.rfm', /^SELECT 'gold\.rfm' AS t/]);
  await history.nth(1).click();
  await expect(editor(page)).toHaveValue('SELECT no_such_column FROM gold.rfm');
});

test('cancels a long query within two seconds, and the next query runs', async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await toTab(page, 'SQL console');
  // Billions of rows through a filter: minutes of work for single-threaded DuckDB-WASM.
  await runSql(page, 'SELECT count(*) AS n FROM range(50000000000) t(x) WHERE x % 7 = 3');
  await expect(status(page)).toHaveText(/^Running… /);
  await page.waitForTimeout(1500);
  await expect(status(page)).toHaveText(/^Running… /);
  const asked = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText(/^Query cancelled after /, { timeout: 2000 });
  const took = Date.now() - asked;
  test.info().annotations.push({ type: 'cancel latency', description: `${took} ms` });
  expect(took).toBeLessThan(2000);

  // Statements that change tables report rows changed, and the Tables list follows.
  await runSql(page, 'CREATE TABLE gold.console_test AS SELECT range AS id FROM range(1234); DELETE FROM gold.console_test WHERE id < 34');
  await expect(status(page)).toHaveText(/^Done: 34 rows changed in /);
  await toTab(page, 'Tables');
  await expect.poll(() => shownRows(page, 'gold.console_test')).toBe(1200);
  await toTab(page, 'SQL console');
  await runSql(page, 'SELECT max(id) AS top FROM gold.console_test');
  await expect(status(page)).toHaveText(/^1 row in /);
  await expect(grid(page).locator('tbody td')).toHaveText(['1233']);
});
