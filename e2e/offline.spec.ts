import { expect, openApp, test } from './support/fixtures';

/*
 * The installable, offline app: after one visit the service worker has the app, the
 * workers and the WASM, so with the network off the app starts, runs the demo and loads
 * a file; the cache holds the build's files only; the embed page is never cached.
 */

/** Waits until the service worker is active, i.e. its precache is complete. */
async function waitForServiceWorker(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

test('after one visit the app starts, runs the demo and loads a file with the network off', async ({ page, context }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible({ timeout: 60_000 });
  // Served by the service worker, with the server's headers kept: still isolated, still under the CSP.
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true', { timeout: 120_000 });
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(9, { timeout: 120_000 });

  const csv = 'sku,units\nsku-offline-1,3\nsku-offline-2,5\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'offline_stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('load-summary')).toContainText('1 file loaded into 1 table, 2 rows', { timeout: 120_000 });

  // The cache holds the build's own files, nothing the user loaded.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached).toContain('/index.html');
  expect(cached.some((u) => /\/assets\/duckdb-eh-[\w-]+\.wasm$/.test(u))).toBe(true);
  expect(cached.some((u) => /\/assets\/duckdb-browser-eh\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(cached.some((u) => /\/assets\/parquet_wasm_bg-[\w-]+\.wasm$/.test(u))).toBe(true);
  for (const url of cached) expect(url, 'only build files are cached').toMatch(/^\/(index\.html|favicon\.svg|manifest\.webmanifest|assets\/[\w.-]+\.(js|css|wasm))$/);
  expect(cached.some((u) => u.includes('duckdb-coi'))).toBe(false);
});

test('the embed page is never answered from the cache: it keeps the server\'s framing headers', async ({ page, context }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await waitForServiceWorker(page);
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Online, under the service worker, the embed page comes with its own policy (portals may frame it) …
  const online = await page.goto('/?embed=revenueByState');
  expect(online!.fromServiceWorker()).toBe(false);
  expect(online!.headers()['x-frame-options']).toBeUndefined();
  // … and offline it does not load at all, rather than as the app's cached page.
  await context.setOffline(true);
  const offline = await page.goto('/?embed=revenueByState').catch((e: Error) => e);
  expect(offline).toBeInstanceOf(Error);
});
