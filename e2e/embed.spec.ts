import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { expect, test as base, type Frame, type FrameLocator, type Page } from '@playwright/test';

/*
 * Embed mode from a portal on another origin. The app runs in a second scripts/serve.mjs
 * (APP) whose allow-list names the portal's origin (PORTAL); the portal page and a
 * hostile page beside it (EVIL) come from a small server on two more ports. (Pages made
 * up by page.route do not do: Chromium's local-network checks then refuse to frame a
 * loopback address.) The browser checks frame-ancestors and postMessage origins.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 4321);
const APP = `http://127.0.0.1:${E2E_PORT + 1000}`;
const PORTAL = `http://127.0.0.1:${E2E_PORT + 1001}`;
const EVIL = `http://127.0.0.1:${E2E_PORT + 1002}`;
const EMBED = `${APP}/?embed=dashboard&charts=revenue-by-state,revenue-monthly&tables=customer_ltv&data=demo`;

let server: ChildProcess;
const hosts: Server[] = [];

/** `/portal.html?src=…` frames src and records every message it receives; `/evil.html` is an empty page. */
function hostPage(url: URL): string {
  if (url.pathname === '/evil.html') return '<!doctype html><title>Other widget</title>';
  const src = (url.searchParams.get('src') ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><title>Sales portal</title>
<h1>Sales portal</h1>
<iframe id="lakehouse" title="Revenue" src="${src}" style="width:900px;height:760px;border:1px solid #ccc"></iframe>
<iframe id="other" title="Other widget" src="${EVIL}/evil.html" style="width:10px;height:10px"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
</script>`;
}

base.beforeAll(async () => {
  for (const origin of [PORTAL, EVIL]) {
    const host = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(hostPage(new URL(req.url ?? '/', origin)));
    });
    host.listen(Number(new URL(origin).port), '127.0.0.1');
    await once(host, 'listening');
    hosts.push(host);
  }
  server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(E2E_PORT + 1000)], {
    env: { ...process.env, EMBED_ALLOWED_ORIGINS: PORTAL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout!.on('data', (d: Buffer) => (out += d));
  const exited = once(server, 'exit').then(([code]) => {
    throw new Error(`scripts/serve.mjs on ${APP} stopped (exit ${code}): is the port taken?`);
  });
  while (!out.includes('is running')) await Promise.race([once(server.stdout!, 'data'), exited]);
});
base.afterAll(() => {
  server?.kill();
  for (const host of hosts) host.close();
});

/** Page errors and CSP violations fail a test unless it expects them; every request must go to APP or the routed pages. */
const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page, context }, use) => {
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      context.on('request', (r) => {
        const url = r.url();
        const routed = url.startsWith(`${PORTAL}/portal.html`) || url.startsWith(`${EVIL}/`);
        if (!routed && !url.startsWith(`${APP}/`) && !url.startsWith(`blob:${APP}/`) && !url.startsWith('data:')) foreign.push(url);
      });
      await use(errors);
      expect(foreign, 'requests that left the app and the test pages').toEqual([]);
    },
    { auto: true },
  ],
});

interface Received {
  origin: string;
  data: { type: string; [key: string]: unknown };
}

/** Opens the portal page of `portal`, framing `src`, with the other origin's page beside it. */
async function openPortal(page: Page, src: string, portal = PORTAL): Promise<void> {
  await page.goto(`${portal}/portal.html?src=${encodeURIComponent(src)}`);
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);

async function waitForMessage(page: Page, type: string, count = 1): Promise<Received> {
  await expect.poll(async () => (await received(page)).filter((m) => m.data?.type === type).length, { timeout: 150_000 }).toBeGreaterThanOrEqual(count);
  return (await received(page)).filter((m) => m.data.type === type)[count - 1]!;
}

const lakehouseFrame = (page: Page): Frame => page.frames().find((f) => f.url().startsWith(APP))!;

async function expectRendered(embed: FrameLocator, key: string): Promise<void> {
  await expect(embed.locator(`[data-chart] .vega-chart[data-rendered-key="${key}"]`)).toHaveCount(2);
}

test('a portal on an allowed origin frames the charts: ready, selection, set-filter, other origins ignored, PII masked', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 900 });
  await openPortal(page, EMBED);
  const embed = page.frameLocator('#lakehouse');

  // ready, from the app's origin, once both charts have drawn.
  const ready = await waitForMessage(page, 'pocket-lakehouse:ready');
  expect(ready).toEqual({ origin: APP, data: { type: 'pocket-lakehouse:ready', charts: ['revenueByState', 'revenueMonthly'] } });
  await expectRendered(embed, '');
  await expect(embed.getByTestId('embed')).toHaveAttribute('data-parent-origin', PORTAL);
  // Only the charts asked for, and none of the app's chrome: no header, load panel, tabs, file inputs or console.
  await expect(embed.locator('[data-chart]')).toHaveCount(2);
  await expect(embed.locator('.app-header, .load-panel, [role="tablist"], input[type="file"], textarea')).toHaveCount(0);
  await expect(embed.getByRole('button', { name: /Try the demo|Pick files|Download/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/embed-portal.png' });

  // A click on a bar filters the other chart and tells the portal.
  const sp = embed.getByTestId('chart-revenueByState').locator('svg path[aria-label^="SP:"]');
  await sp.click();
  const selection = await waitForMessage(page, 'pocket-lakehouse:selection');
  expect(selection).toEqual({
    origin: APP,
    data: { type: 'pocket-lakehouse:selection', filter: { customerState: 'SP' }, chart: 'revenueByState', dimension: 'customerState', value: 'SP' },
  });
  await expectRendered(embed, 'state=SP');
  const spMonths = await embed.getByTestId('chart-revenueMonthly').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

  // The portal sets a filter: the embed follows.
  await page.evaluate((app) => (document.getElementById('lakehouse') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'pocket-lakehouse:set-filter', filter: { customerState: 'RJ' } }, app), APP);
  await expectRendered(embed, 'state=RJ');
  await expect(embed.getByRole('status').filter({ hasText: 'State: RJ' })).toBeVisible();
  const rjMonths = await embed.getByTestId('chart-revenueMonthly').locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(rjMonths).not.toEqual(spMonths);

  // A frame of another origin in the same portal, and a malformed message from the portal: ignored and counted.
  const evil = page.frames().find((f) => f.url().startsWith(EVIL))!;
  await evil.evaluate(() => window.parent.frames[0]!.postMessage({ type: 'pocket-lakehouse:set-filter', filter: { customerState: 'SP' } }, '*'));
  await expect(embed.getByTestId('embed')).toHaveAttribute('data-ignored-messages', '1');
  await page.evaluate(() => (document.getElementById('lakehouse') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'pocket-lakehouse:set-filter', filter: { sql: "'; DROP TABLE gold.rfm; --" } }, '*'));
  await expect(embed.getByTestId('embed')).toHaveAttribute('data-ignored-messages', '2');
  await expect(embed.getByTestId('embed')).toHaveAttribute('data-filter', JSON.stringify({ customerState: 'RJ' }));
  await expectRendered(embed, 'state=RJ');
  // Nothing reached the other frame: the embed posts to the portal's origin only.
  expect(await evil.evaluate(() => document.title)).toBe('Other widget');
  expect((await received(page)).map((m) => m.origin)).toEqual(Array((await received(page)).length).fill(APP));

  // The gold table: personal-data columns masked with session tokens, the rest as is.
  const table = embed.getByTestId('embed-table-customer_ltv');
  await expect(table.locator('.masked-grid')).toHaveAttribute('data-masked-columns', 'customer_unique_id');
  await expect(table.locator('th').first()).toContainText('masked · customer id');
  const ids = await table.locator('tbody tr td:first-child').allTextContents();
  expect(ids.length).toBe(100);
  for (const id of ids) expect(id).toMatch(/^•••[0-9a-f]{8}$/);
  const revenue = await table.locator('tbody tr td:nth-child(3)').allTextContents();
  for (const r of revenue) expect(Number(r)).toBeGreaterThan(0);
  // The real ids never reach the embed's page.
  const html = await lakehouseFrame(page).content();
  expect(html).not.toMatch(/[0-9a-f]{32}/);

  // View data of a chart: the rows as a grid (aggregates only: nothing to mask, nothing masked).
  const card = embed.getByTestId('chart-revenueByState');
  await card.getByRole('button', { name: 'View data' }).click();
  await expect(card.locator('.masked-grid')).toHaveAttribute('data-masked-columns', '');
  await expect(card.locator('td').first()).toHaveText(/^[A-Z]{2}$/);
  await page.screenshot({ path: 'test-results/embed-portal-filtered.png', fullPage: true });

  // Clear in the embed is a selection too: the whole (empty) filter, no chart.
  await embed.getByRole('button', { name: 'Clear filters' }).click();
  expect(await waitForMessage(page, 'pocket-lakehouse:selection', 2)).toEqual({ origin: APP, data: { type: 'pocket-lakehouse:selection', filter: {} } });
  await expectRendered(embed, '');
});

test('the app cannot be framed by another origin, and the embed only by allowed ones', async ({ page, request, errors }) => {
  const app = await request.get(`${APP}/`);
  expect(app.headers()['content-security-policy']).toMatch(/; frame-ancestors 'self'$/);
  expect(app.headers()['x-frame-options']).toBe('SAMEORIGIN');
  const embedPage = await request.get(`${APP}/?embed=dashboard`);
  expect(embedPage.headers()['content-security-policy']).toMatch(new RegExp(`; frame-ancestors 'self' ${PORTAL}$`));
  expect(embedPage.headers()['x-frame-options']).toBeUndefined();
  // COEP stays on both; only the embed page may be loaded cross-origin (by a portal that is itself isolated).
  expect(app.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(embedPage.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(app.headers()['cross-origin-resource-policy']).toBe('same-origin');
  expect(embedPage.headers()['cross-origin-resource-policy']).toBe('cross-origin');
  expect(await (await request.get(`${APP}/embed-config.json`)).json()).toEqual({ allowedOrigins: [PORTAL] });

  // The allowed portal framing the app itself (not the embed page): refused.
  await openPortal(page, `${APP}/?view=dashboard`);
  await expect.poll(() => errors.some((e) => /frame-ancestors/.test(e))).toBe(true);
  await expect(page.frameLocator('#lakehouse').locator('.app-header')).toHaveCount(0);

  // Another origin framing the embed page: refused, and nothing is posted to it.
  errors.length = 0;
  await openPortal(page, EMBED, EVIL);
  await expect.poll(() => errors.some((e) => /frame-ancestors/.test(e))).toBe(true);
  await expect(page.frameLocator('#lakehouse').getByTestId('embed')).toHaveCount(0);
  expect(await received(page)).toEqual([]);
  errors.length = 0;
});

test('without data=demo and nothing saved, the embed says what to do; unknown charts are named', async ({ page, errors }) => {
  await page.goto(`${APP}/?embed=dashboard&charts=revenue-by-state,profit-by-planet`);
  await expect(page.getByTestId('embed-no-data')).toHaveText('No saved lakehouse in this browser — open Pocket Lakehouse and load data first.');
  await expect(page.getByRole('alert')).toContainText('Unknown chart: profit-by-planet. The charts are: revenue-by-category, revenue-by-state,');
  await expect(page.locator('.app-header, .load-panel')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('with filters=show the embed filters by keyboard, and fits a narrow frame', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`${APP}/?embed=dashboard&charts=revenue-monthly,rfm-segments&data=demo&filters=show`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pocket Lakehouse charts' })).toBeAttached();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(2, { timeout: 150_000 });
  const state = page.getByRole('combobox', { name: 'State' });
  await state.focus();
  await expect(state).toBeFocused();
  await state.selectOption('SP');
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key="state=SP"]')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Remove filter State: SP' })).toBeVisible();
  // Nothing wider than the frame: the charts stack and fit.
  const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.chart-card, svg')].map((e) => e.getBoundingClientRect().right)));
  expect(widest).toBeLessThanOrEqual(420);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
  await page.screenshot({ path: 'test-results/embed-narrow.png', fullPage: true });
});
