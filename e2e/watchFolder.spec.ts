import type { Page } from '@playwright/test';
import { expect, openApp, shownRows, test } from './support/fixtures';

/*
 * A watched folder (File System Access API). Playwright cannot click the native folder
 * picker, so `showDirectoryPicker` returns a real directory handle from the origin private
 * file system (OPFS folder "inbox"), which the test writes into from the page; such a handle
 * can be stored in IndexedDB like a picked one, so the watch comes back after a reload.
 */

const CUSTOMERS = 'customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\nc1,u1,01037,sao paulo,SP\nc2,u2,01038,sao paulo,SP\nc3,u3,20000,rio de janeiro,RJ\n';
const SELLERS_HEADER = 'seller_id,seller_zip_code_prefix,seller_city,seller_state\n';
const PRODUCTS = 'product_id,product_category_name\np1,moveis\np2,beleza\n';

/** Writes (or appends to) a file of the OPFS folder "inbox" from the page. */
async function writeInbox(page: Page, name: string, text: string, append = false): Promise<void> {
  await page.evaluate(
    async ([fileName, content, add]) => {
      const root = await navigator.storage.getDirectory();
      const inbox = await root.getDirectoryHandle('inbox', { create: true });
      const handle = await inbox.getFileHandle(fileName, { create: true });
      const size = (await handle.getFile()).size;
      const writable = await handle.createWritable({ keepExistingData: add });
      if (add) await writable.seek(size);
      await writable.write(content);
      await writable.close();
    },
    [name, text, append] as const,
  );
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('inbox', { create: true });
  });
});

test('a watched folder loads a new file once, waits for a growing file, pauses, and comes back after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  const panel = page.getByTestId('watch-panel');
  const status = page.getByTestId('watch-status');
  const lastBatch = page.getByTestId('watch-last-batch');
  // There before the grant: left alone (the box to load such files is not ticked).
  await writeInbox(page, 'before.csv', 'x,y\n1,2\n');
  await panel.getByRole('button', { name: 'Watch a folder…' }).click();
  await expect(page.getByTestId('watch-folder')).toHaveText('inbox');
  await panel.getByLabel('Check every').fill('1');
  await expect(page.getByTestId('watch-countdown')).toHaveText(/Next check in 1 s\.|Checking…/);

  // A file written after the grant: loaded once, through the ordinary load and pipeline.
  await writeInbox(page, 'customers.csv', CUSTOMERS);
  await expect(lastBatch).toContainText('inbox/customers.csv', { timeout: 30_000 });
  expect(await shownRows(page, 'bronze.customers')).toBe(3);
  await expect(page.getByTestId('load-summary')).toContainText('1 file loaded into 1 table, 3 rows into bronze');
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/);
  const firstBatch = await lastBatch.textContent();
  // Several checks later: nothing loaded again.
  await page.waitForTimeout(3500);
  await expect(lastBatch).toHaveText(firstBatch!);
  expect(await shownRows(page, 'bronze.customers')).toBe(3);
  await expect(page.getByTestId('watch-panel')).toContainText('Watching inbox (2 files)');

  // A file that keeps growing across checks is not taken; once it holds still it is, whole.
  // The page appends a row every 200 ms (no round trips to the test, which a loaded machine
  // can delay past a check) while checks are 2 s apart.
  await panel.getByLabel('Check every').fill('2');
  await writeInbox(page, 'sellers.csv', SELLERS_HEADER);
  await page.evaluate(() => {
    (window as unknown as { growing: Promise<number> }).growing = (async () => {
      const inbox = await (await navigator.storage.getDirectory()).getDirectoryHandle('inbox');
      const handle = await inbox.getFileHandle('sellers.csv');
      for (let i = 0; i < 25; i++) {
        const writable = await handle.createWritable({ keepExistingData: true });
        await writable.seek((await handle.getFile()).size);
        await writable.write(`s${i},0100${i % 10},sao paulo,SP\n`);
        await writable.close();
        await new Promise((r) => setTimeout(r, 200));
      }
      return 25;
    })();
  });
  await expect(status).toContainText('Waiting for sellers.csv to finish');
  const appended = await page.evaluate(() => (window as unknown as { growing: Promise<number> }).growing);
  await expect(lastBatch).toHaveText(firstBatch!);
  await expect(page.getByTestId('rows-bronze.sellers')).toHaveCount(0);
  await expect(lastBatch).toContainText('inbox/sellers.csv', { timeout: 30_000 });
  // Every row once: a half-read version would have loaded first, and the whole one again after it.
  expect(await shownRows(page, 'bronze.sellers')).toBe(appended);
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/);
  await expect(page.getByTestId('watch-countdown')).toHaveText(/Next check in/);
  await page.screenshot({ path: 'test-results/watch-folder.png', fullPage: true });

  // Paused: a new file stays in the folder.
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('watch-countdown')).toHaveText('Paused.');
  await writeInbox(page, 'products.csv', PRODUCTS);
  await page.waitForTimeout(3500);
  await expect(lastBatch).toContainText('inbox/sellers.csv');
  await expect(page.getByTestId('rows-bronze.products')).toHaveCount(0);

  // After a reload the folder, the setting and the pause come back; resuming loads what came meanwhile, and only that.
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('watch-folder')).toHaveText('inbox');
  await expect(page.getByTestId('watch-countdown')).toHaveText('Paused.');
  await expect(panel.getByLabel('Check every')).toHaveValue('2');
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(lastBatch).toContainText('inbox/products.csv', { timeout: 30_000 });
  await expect(lastBatch).not.toContainText('customers.csv');
  expect(await shownRows(page, 'bronze.products')).toBe(2);
  expect(await shownRows(page, 'bronze.customers')).toBe(3);
  expect(await shownRows(page, 'bronze.sellers')).toBe(appended);
  await expect(page.getByTestId('rows-bronze.before')).toHaveCount(0);

  // The folder removed: said plainly, and nothing more is tried.
  await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('inbox', { recursive: true }));
  await expect(panel.getByRole('alert')).toContainText('The folder "inbox" was removed or moved.', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Stop watching' })).toBeVisible();
});

test('when the browser wants the access confirmed again, nothing loads until "Grant access again" is clicked', async ({ page }) => {
  // The OPFS handle is always granted; here it answers "prompt" as a picked folder does after a restart, until asked.
  await page.addInitScript(() => {
    const handle = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    handle.queryPermission = async () => (localStorage.getItem('watch-test-prompt') ? 'prompt' : 'granted');
    handle.requestPermission = async () => (localStorage.removeItem('watch-test-prompt'), 'granted');
  });
  await openApp(page);
  const panel = page.getByTestId('watch-panel');
  await panel.getByRole('button', { name: 'Watch a folder…' }).click();
  await panel.getByLabel('Check every').fill('1');
  await expect(page.getByTestId('watch-countdown')).toHaveText(/Next check in 1 s\.|Checking…/);
  await page.evaluate(() => localStorage.setItem('watch-test-prompt', '1'));
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('alert')).toContainText('The browser needs your permission again to read inbox.');
  await writeInbox(page, 'customers.csv', CUSTOMERS);
  await page.waitForTimeout(2500);
  await expect(page.getByTestId('load-summary')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/watch-folder-permission.png' });

  await panel.getByRole('button', { name: 'Grant access again' }).click();
  await expect(page.getByTestId('watch-last-batch')).toContainText('inbox/customers.csv', { timeout: 30_000 });
  expect(await shownRows(page, 'bronze.customers')).toBe(3);

  // Stop watching: forgotten, also after a reload.
  await panel.getByRole('button', { name: 'Stop watching' }).click();
  await expect(panel.getByRole('button', { name: 'Watch a folder…' })).toBeVisible();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/);
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Watch a folder…' })).toBeVisible();
});
