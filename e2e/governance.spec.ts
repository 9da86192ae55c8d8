import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { signedEmbedUrl } from '../deploy/portal/signExtract.mjs';

/*
 * Governed sharing (issue 21) from a portal on another origin: the portal's server signs
 * one embed URL per audience (deploy/portal/signExtract.mjs, the README snippet); the app
 * (scripts/serve.mjs with --published) serves each audience its own extract, published
 * by `npm run publish` from generated data, and refuses tampered and expired URLs with a
 * 403 that the audit log records.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 4321);
const APP = `http://127.0.0.1:${E2E_PORT + 10}`;
const PORTAL = `http://127.0.0.1:${E2E_PORT + 11}`;
const KEY = 'e2e-signing-key-0123456789abcdef0123456789';
const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

let dir: string;
let seller: string;
let server: ChildProcess;
let serverLog = '';
let portal: Server;
const frames: Record<string, string> = {};

/** The portal page: one iframe per URL its server signed (`/portal.html?frames=a,b`). */
function portalPage(url: URL): string {
  const names = (url.searchParams.get('frames') ?? '').split(',').filter((n) => n in frames);
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><title>Portal</title><h1>Portal</h1>${names
    .map((n) => `<iframe id="${n}" title="${n}" src="${escape(frames[n]!)}" style="width:900px;height:700px"></iframe>`)
    .join('')}`;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = await mkdtemp(join(tmpdir(), 'governance-e2e-'));
  await run(TSX, ['src/cli/generate.ts', '--sf', '0.01', '--out', join(dir, 'csv')]);
  await run(TSX, ['src/cli/pipeline.ts', '--out', join(dir, 'lake'), join(dir, 'csv')]).catch((e: { code: number }) => {
    if (e.code !== 1) throw e; // the generated data's warnings
  });
  // A seller of the generated data, asked of the written lakehouse through the publisher's own CLI would be circular: read the CSV.
  const items = (await readFile(join(dir, 'csv', 'olist_order_items_dataset.csv'), 'utf8')).split('\n')[1]!;
  seller = items.split(',')[3]!.replaceAll('"', '');
  await writeFile(
    join(dir, 'policies.yaml'),
    `version: e2e-1\naudiences:\n  south-east:\n    rows: customer_state IN ('SP', 'RJ')\n    tables:\n      gold.revenue_by_state:\n  partner:\n    rows: seller_id = :seller\n    parameters:\n      seller: [${seller}]\n    tables:\n      gold.revenue_by_state:\n`,
  );
  await run(TSX, ['src/cli/publish.ts', '--policies', join(dir, 'policies.yaml'), '--in', join(dir, 'lake'), '--out', join(dir, 'pub')]);

  const query = 'charts=revenue-by-state&tables=revenue_by_state';
  frames.southEast = `${signedEmbedUrl(APP, KEY, 'south-east', {}, 600)}&${query}`;
  frames.partner = `${signedEmbedUrl(APP, KEY, 'partner', { seller }, 600)}&${query}`;
  frames.tampered = frames.partner.replace(`p.seller=${seller}`, 'p.seller=someone-else');
  frames.expired = `${signedEmbedUrl(APP, KEY, 'south-east', {}, -5)}&${query}`;

  portal = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(portalPage(new URL(req.url ?? '/', PORTAL)));
  });
  portal.listen(Number(new URL(PORTAL).port), '127.0.0.1');
  await once(portal, 'listening');
  server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(E2E_PORT + 10), '--published', join(dir, 'pub'), '--audit-log', join(dir, 'logs', 'audit.log')], {
    env: { ...process.env, EMBED_ALLOWED_ORIGINS: PORTAL, LAKEHOUSE_SIGNING_KEYS: KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => (serverLog += d));
  server.stderr!.on('data', (d: Buffer) => (serverLog += d));
  const exited = once(server, 'exit').then(([code]) => {
    throw new Error(`scripts/serve.mjs on ${APP} stopped (exit ${code}): ${serverLog}`);
  });
  while (!serverLog.includes('is running')) await Promise.race([once(server.stdout!, 'data'), exited]);
});

test.afterAll(async () => {
  server?.kill();
  portal?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const audit = async () => (await readFile(join(dir, 'logs', 'audit.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));

/** The states the embedded gold.revenue_by_state grid lists. */
async function gridStates(frame: FrameLocator): Promise<string[]> {
  const grid = frame.getByTestId('embed-table-revenue_by_state');
  await expect(grid.getByRole('row').nth(1)).toBeVisible({ timeout: 120_000 });
  const cells = await grid.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector('[role=gridcell], td')?.textContent ?? ''));
  return cells.sort();
}

async function openPortal(page: Page, names: string[]) {
  await page.goto(`${PORTAL}/portal.html?frames=${names.join(',')}`);
}

test('a portal embeds two audiences: each sees only its own rows, and the audit log lists both', async ({ page }) => {
  await openPortal(page, ['southEast', 'partner']);
  const southEast = await gridStates(page.frameLocator('#southEast'));
  expect(southEast.length).toBeGreaterThan(0);
  expect(southEast.every((s) => ['SP', 'RJ'].includes(s))).toBe(true);
  // The partner's states are those of their own customers; the chart drew from the same rows.
  const partner = await gridStates(page.frameLocator('#partner'));
  const lake = JSON.parse(await readFile(join(dir, 'pub', 'publication.json'), 'utf8'));
  const partnerStates = lake.extracts.find((e: { audience: string }) => e.audience === 'partner').tables.find((t: { name: string }) => t.name === 'revenue_by_state').rows;
  expect(partner).toHaveLength(partnerStates);
  await expect(page.frameLocator('#partner').getByTestId('embed-not-allowed')).toHaveCount(0);

  const served = (await audit()).filter((e) => e.outcome === 'served');
  expect(served.map((e) => e.audience).sort()).toEqual(['partner', 'south-east']);
  expect(served.find((e) => e.audience === 'partner')).toMatchObject({ parameters: { seller }, status: 200, policyVersion: 'e2e-1' });
  expect(served.every((e) => e.bytes > 1000)).toBe(true);
});

test('a tampered or expired URL shows "not allowed", and the server logs a 403 for each', async ({ page }) => {
  await openPortal(page, ['tampered', 'expired']);
  for (const [frame, reason] of [['#tampered', 'bad signature'], ['#expired', 'expired']] as const) {
    const notAllowed = page.frameLocator(frame).getByTestId('embed-not-allowed');
    await expect(notAllowed).toBeVisible({ timeout: 120_000 });
    await expect(notAllowed).toContainText('Not allowed');
    await expect(notAllowed).toContainText(reason);
    await expect(page.frameLocator(frame).getByRole('img')).toHaveCount(0);
  }
  const refused = (await audit()).filter((e) => e.status === 403);
  expect(refused.map((e) => e.outcome).sort()).toEqual(['bad signature', 'expired']);
  expect(refused.find((e) => e.outcome === 'bad signature')).toMatchObject({ audience: 'partner', parameters: { seller: 'someone-else' }, bytes: 0 });
  expect(serverLog).toMatch(/extract refused \(403 bad signature\)/);
  expect(serverLog).toMatch(/extract refused \(403 expired\)/);
});

test('Governance: effective access per table and column, and "view as audience" before publishing', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${APP}/`);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(9, { timeout: 180_000 });
  await page.getByRole('tab', { name: 'Governance' }).click();
  const access = page.getByTestId('effective-access');
  await expect(access).toBeVisible();
  // The example policies: south-east sees four gold tables, masked as the policy and the PII tags say.
  await expect(access.locator('tr[data-access=shared]')).toHaveCount(4);
  await expect(access.locator('tr[data-table="gold.customer_ltv"] li[data-column=predicted_clv]')).toHaveAttribute('data-mask', 'null');
  await expect(access.locator('tr[data-table="gold.customer_ltv"] li[data-column=customer_unique_id]')).toContainText('masked (hash, PII tag)');
  await expect(access.locator('tr[data-table="silver.customers"]')).toContainText('not shared');

  await page.getByRole('button', { name: 'View as south-east' }).click();
  const preview = page.getByTestId('audience-preview');
  await expect(preview).toBeVisible({ timeout: 120_000 });
  await preview.getByRole('button', { name: 'gold.revenue_by_state' }).click();
  const states = await preview.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector('[role=gridcell], td')?.textContent ?? ''));
  expect(states.sort()).toEqual(['RJ', 'SP']);

  await page.getByRole('combobox', { name: 'Audience' }).selectOption('partner');
  await expect(page.getByRole('combobox', { name: 'Parameters' })).toBeVisible();
  await expect(access.locator('tr[data-table="gold.revenue_monthly"]')).toContainText('seller_id = :seller');
});
