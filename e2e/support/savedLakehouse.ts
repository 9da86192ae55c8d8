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

/** Writes (or with null, removes) a file in the saved lakehouse's OPFS folder from the page, as a damaged disk or a crash would. */
export function writeSavedFile(page: Page, name: string, content: string | number[] | null): Promise<void> {
  return page.evaluate(
    async ([fileName, data]) => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('pocket-lakehouse', { create: true });
      if (data === null) return dir.removeEntry(fileName);
      const writable = await (await dir.getFileHandle(fileName, { create: true })).createWritable();
      await writable.write(typeof data === 'string' ? data : new Uint8Array(data));
      await writable.close();
    },
    [name, content] as const,
  );
}
