import type { Page } from '@playwright/test';
import { expect, shownRows } from './fixtures';

/** Opens a table's History (Tables → the table → History). */
export async function openHistory(page: Page, table: string): Promise<void> {
  await page.getByRole('tab', { name: 'Tables' }).click();
  await shownRows(page, table);
  await page.getByTestId(`table-${table}`).click();
  const toggle = page.getByRole('button', { name: 'History' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByRole('heading', { name: `History of ${table}` })).toBeVisible();
}

/** The version list's rows: version, rows added, updated, deleted. */
export async function versionRows(page: Page): Promise<number[][]> {
  const rows = page.getByTestId('version-list').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => ['data-version', 'data-added', 'data-updated', 'data-deleted'].map((a) => Number(tr.getAttribute(a)))));
}

/** Runs a one-row query in the SQL console and returns its first cell's text. */
export async function consoleValue(page: Page, sql: string): Promise<string> {
  await page.getByRole('tab', { name: 'SQL console' }).click();
  const editor = page.getByLabel('SQL', { exact: true });
  await editor.fill(sql);
  await editor.press('Control+Enter');
  await expect(page.getByTestId('console-status')).toHaveText(/^1 row in /);
  return (await page.getByRole('grid', { name: 'Console result' }).locator('tbody tr td').first().textContent()) ?? '';
}
