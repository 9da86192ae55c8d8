import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateOlist } from '../src/demo/generateOlist';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { BAD_INPUTS } from '../src/ingest/badInputs.cases';
import { expect, openApp, test } from './support/fixtures';

/*
 * Issue 7's security checks in Chromium: the Content-Security-Policy header and what it
 * blocks; markup in the data shown as text in every place a value appears (grid, chart
 * axes, tooltips, "view data"); no request leaving the origin. (The per-case bad-input
 * checks are in badInputs.spec.ts; the embed's framing and postMessage checks in
 * embed.spec.ts.) The fixtures also fail every test on a page error, a CSP violation or
 * a request to another origin.
 */

/** The whole policy, directive by directive: a change to it must be a change to this test. */
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Values that would run script if they ever became markup; each sets window.__pwned and opens a dialog. */
const IMG = '<img src=x onerror=window.__pwned=1;alert(1)>';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const LINK = '<a href="javascript:window.__pwned=3;alert(3)">click</a>';
/** Silver upper-cases states, so this one only proves it stays text (ALERT is no function). */
const STATE = '<svg onload=alert(4)>';

let root: string;

/**
 * The demo dataset (sf 0.01) with markup in category names (via the translation table,
 * which silver keeps as written) and in a state (every RJ customer): values that reach
 * gold, the charts' axes and tooltips, and the grids.
 */
function writeMarkupShop(folder: string): void {
  const csv = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  for (const file of generateOlist({ sf: 0.01 })) {
    let text = new TextDecoder().decode(file.bytes);
    if (file.name === 'product_category_name_translation.csv') {
      const lines = text.split('\r\n');
      const markup = [IMG, SCRIPT, LINK];
      text = [lines[0], ...lines.slice(1).map((line, i) => line.replace(/,([^,]*)$/, (_, english: string) => `,${csv(`${markup[i % 3]} ${english}`)}`))].join('\r\n');
    }
    if (file.name === 'olist_customers_dataset.csv') text = text.replace(/,"?RJ"?\n/g, `,${STATE}\n`);
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, file.name), text);
  }
}

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'security-e2e-'));
  writeMarkupShop('markup-shop');
  for (const c of BAD_INPUTS) {
    for (const f of c.files()) {
      const path = join(root, 'bad', c.folder, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
    }
  }
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Records dialogs; a dialog means markup ran. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

async function loadFolder(page: Page, folder: string): Promise<void> {
  await page.getByTestId('folder-input').setInputFiles(join(root, folder));
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Pick files…' })).toBeEnabled({ timeout: 120_000 });
}

/** Nothing the data holds became an element or a handler anywhere in the page. */
async function expectNothingInjected(page: Page, dialogs: string[]): Promise<void> {
  const injected = await page.evaluate(() =>
    [...document.querySelectorAll('img, iframe, object, embed, script:not([src]), a[href^="javascript:" i], [onerror], [onload], [onclick]')].map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(injected).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test('the policy is exactly the app’s own origin, and it blocks inline script that got into the page', async ({ page, pageErrors }) => {
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toBe(POLICY);
  for (const asset of await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src))) {
    expect((await page.request.get(asset)).headers()['content-security-policy'], asset).toBe(POLICY);
  }
  await expect(page.getByTestId('engine-badge')).toBeVisible();

  // Suppose markup did get in: the policy still refuses to run it. (eval and new Function
  // cannot be tested from here: code Playwright evaluates is exempt from the policy. Every
  // e2e test runs the app under it, and the fixtures fail a test on any violation.)
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline script"';
    document.body.append(script);
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__pwned = \'inline handler\'"><a id="js-link" href="javascript:window.__pwned=\'javascript: link\'">x</a>';
    document.body.append(div);
    (document.getElementById('js-link') as HTMLAnchorElement).click();
    await new Promise((r) => setTimeout(r, 500));
    div.remove();
    script.remove();
    return { seen, pwned: (window as { __pwned?: unknown }).__pwned };
  });
  expect(violations.pwned).toBeUndefined();
  expect(new Set(violations.seen)).toEqual(new Set(['script-src-elem', 'script-src-attr']));
  // Chromium logs each refusal as a CSP violation: the script, the handler and the link.
  // They are what this test expects, so they are taken off the fixture's list of errors.
  const refusals = pageErrors.splice(0);
  for (const what of ['Executing inline script', 'Executing inline event handler', 'Running the JavaScript URL']) {
    expect(refusals.some((e) => e.startsWith(`${what} violates the following Content Security Policy directive`)), what).toBe(true);
  }
  expect(refusals.every((e) => /Content Security Policy/.test(e))).toBe(true);
});

test('markup in the data is text in the grid, on chart axes, in tooltips and in view data', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openApp(page);
  await loadFolder(page, 'markup-shop');

  // The grid: gold.revenue_by_category as the Tables view previews it.
  await page.getByRole('tab', { name: 'Tables' }).click(); // the first load that builds gold lands on the dashboard
  await page.getByTestId('table-gold.revenue_by_category').click();
  await expect(page.locator('#preview-title')).toContainText('gold.revenue_by_category');
  await expect(page.locator('.preview tbody tr').first()).toBeVisible();
  const cells = await page.locator('.preview td').allTextContents();
  for (const m of [IMG, SCRIPT, LINK]) expect(cells.some((c) => c.startsWith(`${m} `)), m).toBe(true);

  // The charts: marks' labels and axis labels carry the markup as text.
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 60_000 });
  const categories = page.getByTestId('chart-revenueByCategory');
  const labels = await categories.locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  for (const m of [IMG, SCRIPT, LINK]) expect(labels.some((l) => l.startsWith(`${m} `)), m).toBe(true);
  const axisText = await categories.locator('svg text').allTextContents();
  expect(axisText.some((t) => t.startsWith('<img src=x'))).toBe(true);

  // Tooltips: hover a bar of each kind, and a state bar.
  const tooltip = page.locator('#vg-tooltip-element');
  for (const m of [IMG, SCRIPT, LINK]) {
    await categories.locator(`svg path[aria-label^="${m.replaceAll('"', '\\"')} "]`).first().hover();
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(m);
    await expect(tooltip.locator('img, script, a')).toHaveCount(0);
  }
  const stateBar = page.getByTestId('chart-revenueByState').locator(`svg path[aria-label^="${STATE.toUpperCase()}:"]`);
  await stateBar.hover();
  await expect(tooltip).toContainText(STATE.toUpperCase());
  await expect(tooltip.locator('svg')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/security-markup-tooltip.png' });

  // View data: the chart's rows in a grid, as text.
  await categories.getByRole('button', { name: 'View data' }).click();
  await expect(categories.locator('.chart-data tbody tr').first()).toBeVisible();
  const dataCells = await categories.locator('.chart-data td').allTextContents();
  for (const m of [IMG, SCRIPT, LINK]) expect(dataCells.some((c) => c.startsWith(`${m} `)), m).toBe(true);

  // A click on the markup bar filters by it, as by any name: the filter chip shows it as text.
  await categories.locator(`svg path[aria-label^="${IMG} "]`).first().click();
  await expect(page.getByRole('button', { name: new RegExp(`^Remove filter Category: ${IMG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeVisible();
  await expectNothingInjected(page, dialogs);
});

test('no request leaves the origin while the demo and the bad-input corpus load', async ({ page, baseURL }) => {
  const dialogs = watchDialogs(page);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // The worker's requests (DuckDB's WASM, its own worker scripts) are the page's too.
  page.on('worker', (w) => requests.push(w.url()));
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Pick files…' })).toBeEnabled({ timeout: 120_000 });
  await loadFolder(page, 'bad');
  await loadFolder(page, 'markup-shop');
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(CHART_IDS.length, { timeout: 60_000 });

  // Something was requested (the check can fail), and all of it from the app's origin.
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
  const foreign = requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith(`blob:${origin}/`) || u.startsWith('data:')));
  expect(foreign).toEqual([]);
  // Markup in the data made no request either (an <img src=x> would fetch /x).
  expect(requests.filter((u) => new URL(u.replace(/^blob:/, '')).pathname === '/x')).toEqual([]);
  await expectNothingInjected(page, dialogs);
});

