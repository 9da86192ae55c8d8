import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openApp, shownRows, test } from './support/fixtures';

/**
 * Issue #7, cancel: a long load and a pipeline run can be cancelled from the page; the
 * lakehouse is left consistent (no half table) and keeps working.
 */
let root: string;
let dump: string;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cancel-e2e-'));
  dump = join(root, 'shop.sql');
  // ~120 MB of sellers: several seconds of loading in the worker, long enough to cancel.
  const out = createWriteStream(dump);
  out.write("CREATE TABLE `sellers` (`seller_id` varchar(32), `seller_zip_code_prefix` char(5), `seller_city` varchar(64), `seller_state` char(2));\n");
  for (let s = 0; s < 3000; s++) {
    const rows = Array.from({ length: 1000 }, (_, i) => `('s${s * 1000 + i}','01001','campinas','SP')`).join(',');
    if (!out.write(`INSERT INTO \`sellers\` VALUES ${rows};\n`)) await new Promise<void>((go) => out.once('drain', () => go()));
  }
  await new Promise<void>((done) => out.end(() => done()));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a large load cancelled from the progress view keeps nothing half-loaded, then the demo loads', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(dump);
  const cancel = page.getByRole('button', { name: 'Cancel the load' });
  await expect(cancel).toBeVisible();
  // Keyboard operable: focus it and press Enter.
  await cancel.focus();
  await page.screenshot({ path: 'test-results/cancel-load.png' });
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('cancelled')).toHaveText(/^Cancelled — nothing half-loaded was kept\. Nothing was loaded; load the files again/, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Pick files…' })).toBeEnabled();
  await expect(page.getByTestId('table-bronze.sellers')).toHaveCount(0);
  // No pipeline ran on a cancelled load.
  await expect(page.getByTestId('pipeline-summary')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/cancel-load-done.png' });

  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('cancelled')).toHaveCount(0);
  const [, built, total] = /(\d+) of (\d+) models built/.exec((await page.getByTestId('pipeline-summary').textContent()) ?? '') ?? [];
  expect(built).toBe(total);
  expect(await shownRows(page, 'bronze.sellers')).toBeGreaterThan(0);
});

test('a pipeline run cancelled from the model progress keeps the models built before it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const cancel = page.getByRole('button', { name: 'Cancel the pipeline run' });
  await expect(cancel).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: 'test-results/cancel-pipeline.png' });
  await cancel.click();

  const notice = page.getByTestId('cancelled');
  await expect(notice).toHaveText(/^Cancelled — nothing half-built was kept\. The pipeline stopped after \d+ of \d+ models; those tables are kept and the rest were skipped\./);
  const [, built, total] = /after (\d+) of (\d+) models/.exec((await notice.textContent()) ?? '') ?? [];
  expect(Number(built)).toBeLessThan(Number(total));
  await expect(page.getByTestId('pipeline-summary')).toContainText(`${built} of ${total} models built`);
  await expect(page.locator('[data-testid^="model-"] td.state-skipped', { hasText: 'cancelled before it started' }).first()).toBeAttached();
  // The lakehouse still answers: bronze is there, and a built table previews.
  expect(await shownRows(page, 'bronze.orders')).toBeGreaterThan(0);
});
