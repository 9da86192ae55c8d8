import type { Page } from '@playwright/test';
import { expect, openApp } from './fixtures';

/** Runs the demo and waits until the pipeline has run and the lakehouse is saved in the browser. */
export async function runDemoAndSave(page: Page, query = ''): Promise<void> {
  await openApp(page, query);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
}

/** Every table in the list (on the Tables tab, opened first) with its shown row count, e.g. { 'gold.rfm': '1,234' }. */
export async function tableRows(page: Page): Promise<Record<string, string>> {
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expect(page.locator('[data-testid^="rows-"]').first()).toBeVisible();
  return page
    .locator('[data-testid^="rows-"]')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')!.slice('rows-'.length), e.textContent ?? ''])));
}

/** The files of the saved lakehouse's OPFS folder, read from the page. */
export function savedFiles(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('pocket-lakehouse', { create: true });
    const out: Record<string, number> = {};
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) out[name] = (await handle.getFile()).size;
    return out;
  });
}

/** Writes (or with null, removes) a file in the stored lakehouse's OPFS folder from the page (call leaveApp first), as a damaged disk or a crash would. */
export function writeSavedFile(page: Page, name: string, content: string | number[] | null): Promise<void> {
  return page.evaluate(
    async ([fileName, data]) => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('pocket-lakehouse', { create: true });
      for (let attempt = 0; ; attempt++) {
        try {
          if (data === null) return await dir.removeEntry(fileName);
          const writable = await (await dir.getFileHandle(fileName, { create: true })).createWritable();
          await writable.write(typeof data === 'string' ? data : new Uint8Array(data));
          await writable.close();
          return;
        } catch (error) {
          // Just after the app left, the browser may still hold the file for DuckDB's worker.
          if ((error as DOMException).name !== 'NoModificationAllowedError' || attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    [name, content] as const,
  );
}

/**
 * Leaves the app for an empty page of the same origin, so that its workers end and the
 * stored lakehouse's files can be changed from the page (DuckDB holds the database file
 * open while the app runs; the browser lets it go a moment after the worker ends).
 */
export async function leaveApp(page: Page): Promise<void> {
  await page.route('**/blank.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto('/blank.html');
}

/** The stored file's text (the manifest), read from the page. */
export function readSavedFile(page: Page, name: string): Promise<string> {
  return page.evaluate(async (fileName) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('pocket-lakehouse');
    return (await (await dir.getFileHandle(fileName)).getFile()).text();
  }, name);
}

/** Cuts the stored file to `bytes`, as a crash or a full disk would leave it (tried again while the browser still holds it). */
export function truncateSavedFile(page: Page, name: string, bytes: number): Promise<void> {
  return page.evaluate(
    async ([fileName, size]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('pocket-lakehouse');
      for (let attempt = 0; ; attempt++) {
        try {
          const writable = await (await dir.getFileHandle(fileName)).createWritable({ keepExistingData: true });
          await writable.truncate(size);
          await writable.close();
          return;
        } catch (error) {
          if ((error as DOMException).name !== 'NoModificationAllowedError' || attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    [name, bytes] as const,
  );
}
