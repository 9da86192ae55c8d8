import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test records each request the page and its workers make, and fails if one
 * leaves the app's origin (aborting it, so a leak cannot go unnoticed as a success).
 * Uncaught page errors and Content-Security-Policy violations fail the test too.
 */
export const test = base.extend<{ requests: string[]; pageErrors: string[] }>({
  requests: [async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const seen: string[] = [];
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => seen.push(r.url()));
    await use(seen);
    expect(foreign, 'requests that left the app origin').toEqual([]);
    expect(seen.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  }, { auto: true }],
  pageErrors: [async ({ page }, use, testInfo) => {
    const errors: string[] = [];
    const log: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A Content-Security-Policy violation is logged to the console ("Refused to …").
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
    page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on('worker', (w) => log.push(`worker started: ${w.url()}`));
    await use(errors);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('console', { body: log.join('\n'), contentType: 'text/plain' });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  }, { auto: true }],
});

export { expect };

export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('engine-badge')).toBeVisible();
}

/**
 * The row count shown for a table in the table list. The list is on the Tables tab, and
 * the app moves to the dashboard once a first load has built gold, so the tab is
 * (re)selected until the table's row appears.
 */
export async function shownRows(page: Page, table: string): Promise<number> {
  const tab = page.getByRole('tab', { name: 'Tables' });
  let text: string | null = null;
  await expect(async () => {
    if ((await tab.getAttribute('aria-selected', { timeout: 1000 })) !== 'true') await tab.click({ timeout: 1000 });
    text = await page.getByTestId(`rows-${table}`).textContent({ timeout: 1000 });
  }).toPass({ timeout: 110_000 });
  return Number(text!.replaceAll(',', ''));
}

/** Drops one file on the page as a drag-and-drop would (DataTransfer built in the page). */
export async function dropFile(page: Page, name: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, data, mime]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], fileName, { type: mime }));
      return dt;
    },
    [name, [...bytes], type] as const,
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}
