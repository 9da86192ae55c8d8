import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect, openApp, shownRows, test } from './support/fixtures';

/** The four real Olist files in ../shared/data/olist, when this checkout has them. */
const OLIST = fileURLToPath(new URL('../../shared/data/olist', import.meta.url));
const present = existsSync(OLIST);

test.describe('real Olist files', () => {
  test.skip(!present, `${OLIST} is not present`);

  test('load through the file picker with the published record counts', async ({ page }) => {
    await openApp(page);
    const files = readdirSync(OLIST).filter((f) => f.endsWith('.csv')).map((f) => join(OLIST, f));
    expect(files).toHaveLength(4);
    await page.getByTestId('file-input').setInputFiles(files);
    await expect.poll(() => shownRows(page, 'bronze.order_payments'), { timeout: 60_000 }).toBe(103_886);
    expect(await shownRows(page, 'bronze.products')).toBe(32_951);
    expect(await shownRows(page, 'bronze.sellers')).toBe(3_095);
    expect(await shownRows(page, 'bronze.category_translation')).toBe(71);
    await page.screenshot({ path: 'test-results/real-files.png', fullPage: true });
  });

  test('load as a picked folder', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('folder-input').setInputFiles(OLIST);
    await expect.poll(() => shownRows(page, 'bronze.sellers'), { timeout: 60_000 }).toBe(3_095);
    await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Tables' }).click(); // the first load that builds gold lands on the dashboard
    await page.getByTestId('table-bronze.sellers').click();
    await expect(page.locator('.preview td').filter({ hasText: /^olist\/olist_sellers_dataset\.csv$/ }).first()).toBeVisible();
  });
});
