import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { runDemoAndSave, tableRows } from './support/savedLakehouse';

/*
 * The run history (Runs view) on the demo: the demo's load and run, a re-run from a
 * model, and a re-run whose model fails once and succeeds after its retry (`?fault=`, the
 * documented fault injection of src/lakehouse/runs/injectedFault.ts) are three runs with
 * the numbers of the lakehouse's own tables; the trend charts draw a mark per run;
 * comparing two runs shows what changed; a failed run is said in the view and the tab's
 * title; and all of it survives reloads, stored with the lakehouse.
 */

const node = (page: Page, id: string) => page.locator(`[data-node="${id}"]`);
const runRows = (page: Page) => page.getByTestId('run-list').locator('tbody tr');
const toNumber = (text: string) => Number(text.replaceAll(',', ''));

/** The saved-notice text, for waiting until the next save has finished. */
const savedText = (page: Page) => page.getByTestId('saved-notice').textContent();

async function waitForNextSave(page: Page, before: string | null): Promise<string> {
  await expect(async () => {
    const now = await savedText(page);
    expect(now).toMatch(/^Saved \d+ tables/);
    expect(now).not.toBe(before);
  }).toPass({ timeout: 120_000 });
  return (await savedText(page))!;
}

/** "Re-run from here" on a model in the pipeline view, waiting until the run is stored. */
async function rerun(page: Page, model: string): Promise<void> {
  const before = await savedText(page);
  await page.getByRole('tab', { name: 'Pipeline' }).click();
  await node(page, model).click();
  await page.getByRole('button', { name: 'Re-run from here' }).click();
  await waitForNextSave(page, before);
}

async function openRuns(page: Page, count: number): Promise<void> {
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(runRows(page)).toHaveCount(count);
}

/** Rows per layer from the Tables tab (exact count(*) of each table in the worker). */
async function layerTotals(page: Page): Promise<{ layers: Record<string, number>; tables: Record<string, number> }> {
  const tables = Object.fromEntries(Object.entries(await tableRows(page)).map(([t, n]) => [t, toNumber(n)]));
  const layers: Record<string, number> = {};
  for (const [t, n] of Object.entries(tables)) layers[t.split('.')[0]!] = (layers[t.split('.')[0]!] ?? 0) + n;
  return { layers, tables };
}

/** A run's row in the list, as numbers. */
async function listed(page: Page, id: number) {
  const row = page.getByTestId(`run-${id}`);
  const attr = async (name: string) => (await row.getAttribute(`data-${name}`))!;
  return {
    status: await attr('status'),
    rowsLoaded: Number(await attr('rows-loaded')),
    rowsBuilt: Number(await attr('rows-built')),
    quarantined: Number(await attr('quarantined')),
    pass: Number(await attr('pass')),
    warn: Number(await attr('warn')),
    fail: Number(await attr('fail')),
    retried: Number(await attr('retried')),
  };
}

/** Opens a run; its models as the detail lists them. */
async function openRun(page: Page, id: number) {
  await page.getByTestId('run-list').getByRole('button', { name: `Run ${id}`, exact: true }).click();
  await expect(page.getByTestId('run-detail')).toHaveAttribute('data-run', String(id));
  return page.getByTestId('run-models').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: tr.getAttribute('data-model')!, status: tr.getAttribute('data-status')!, rows: Number(tr.getAttribute('data-rows')), attempts: Number(tr.getAttribute('data-attempts')), inRun: tr.getAttribute('data-in-run') === 'true' })),
  );
}

/** The number of marks a trend chart drew, once its rows for `runs` are on screen. */
async function marks(page: Page, chart: string, kind: 'rect' | 'symbol', runs: number[]): Promise<number> {
  const card = page.getByTestId(`trend-${chart}`);
  await expect(card.locator('.vega-chart')).toHaveAttribute('data-rendered-key', runs.join(','));
  // Data marks only: a legend draws symbols too (role-legend-symbol).
  return card.locator(`g.mark-${kind}.role-mark path`).count();
}

test('three runs with their numbers, trends with a mark per run, a comparison, an alert, and history across reloads', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1400, height: 1000 });

  // Run 1: the demo (load + pipeline), the landing loads the dashboard.
  await runDemoAndSave(page);
  const pass = toNumber(/(\d+) of \d+ expectations pass/.exec((await page.getByTestId('pipeline-summary').textContent())!)![1]!);
  const afterDemo = await layerTotals(page);

  // Run 2: "re-run from here" on silver.orders (it and everything that reads it).
  await rerun(page, 'silver.orders');
  await openRuns(page, 2);

  // A reload keeps the history, stored in the lakehouse's database; with ?fault= gold.revenue_monthly fails its first try.
  await page.goto('/?fault=gold.revenue_monthly');
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored/, { timeout: 60_000 });
  await openRuns(page, 2);
  // Run 3: a re-run whose model fails once and succeeds after its retry.
  await rerun(page, 'gold.revenue_monthly');
  await openRuns(page, 3);
  const ids = (await runRows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-testid')!.slice('run-'.length))))).reverse();
  expect(ids).toHaveLength(3);
  const [first, second, third] = ids as [number, number, number];
  await expect(runRows(page).first()).toHaveAttribute('data-testid', `run-${third}`);

  // The numbers are those of the worker's tables: bronze loaded by the demo, silver and gold built, quarantine, expectations.
  const now = await layerTotals(page);
  expect(now.layers).toEqual(afterDemo.layers);
  await page.getByRole('tab', { name: 'Runs' }).click();
  const demo = await listed(page, first);
  expect(demo).toMatchObject({ status: 'success', rowsLoaded: now.layers.bronze, rowsBuilt: now.layers.silver! + now.layers.gold!, quarantined: now.layers.quarantine, pass, fail: 0, retried: 0 });
  await expect(page.getByTestId(`run-${first}`)).toContainText('load and run of batch 1 by the demo');
  await expect(page.getByTestId(`run-${second}`)).toContainText('re-run by you');

  const rerunModels = await openRun(page, second);
  const rebuilt = rerunModels.filter((m) => m.inRun);
  expect(rebuilt.map((m) => m.name)).toContain('silver.orders');
  expect(rebuilt.length).toBeLessThan(rerunModels.length);
  for (const m of rebuilt) expect(m.rows, m.name).toBe(now.tables[m.name]);
  expect((await listed(page, second)).rowsBuilt).toBe(rebuilt.reduce((n, m) => n + now.tables[m.name]!, 0));
  expect(await listed(page, second)).toMatchObject({ status: 'success', rowsLoaded: 0, quarantined: now.layers.quarantine, pass });

  const retried = await listed(page, third);
  expect(retried).toMatchObject({ status: 'success', retried: 1, rowsBuilt: now.tables['gold.revenue_monthly']! + now.tables['gold.revenue_reconciliation']!, pass });
  const models = await openRun(page, third);
  expect(models.find((m) => m.name === 'gold.revenue_monthly')).toMatchObject({ status: 'success', attempts: 2, inRun: true });
  await expect(page.getByTestId('run-retried')).toHaveText('gold.revenue_monthly succeeded after 1 retry');
  await expect(node(page, 'gold.revenue_monthly')).toHaveAttribute('data-status', 'success');
  await expect(node(page, 'gold.revenue_monthly')).toHaveAttribute('data-rows', String(now.tables['gold.revenue_monthly']));
  const layerRows = await page.getByTestId('run-layers').locator('tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-layer')!, Number(tr.getAttribute('data-rows'))])));
  expect(layerRows).toEqual(now.layers);

  // The trend charts: a mark per run (per run and layer, per run and model built).
  expect(await marks(page, 'duration', 'rect', ids)).toBe(3);
  expect(await marks(page, 'quarantine', 'rect', ids)).toBe(3);
  expect(await marks(page, 'passRate', 'symbol', ids)).toBe(3);
  expect(await marks(page, 'layers', 'symbol', ids)).toBe(3 * Object.keys(now.layers).length);
  expect(await marks(page, 'models', 'rect', ids)).toBe(models.length + rebuilt.length + models.filter((m) => m.inRun).length);
  await page.screenshot({ path: 'test-results/runs-view.png', fullPage: true });

  // Comparing the demo with the retried run: revenue_monthly needed two tries; totals side by side.
  await page.getByLabel(`Compare run ${first}`).check();
  await page.getByLabel(`Compare run ${third}`).check();
  await page.getByRole('button', { name: `Compare runs ${first} and ${third}` }).click();
  const compare = page.getByTestId('run-compare');
  await expect(compare.getByRole('heading')).toHaveText(`Run ${first} compared with run ${third}`);
  const monthly = page.getByTestId('compare-models').locator('tr[data-model="gold.revenue_monthly"]');
  await expect(monthly).toHaveAttribute('data-changed', 'true');
  await expect(monthly).toContainText('1 → 2');
  await expect(page.getByTestId('compare-models').locator('tr[data-changed="true"]')).toHaveCount(1);
  const retriedTotal = page.getByTestId('compare-totals').locator('tr[data-name="Models retried"]');
  await expect(retriedTotal).toHaveAttribute('data-before', '0');
  await expect(retriedTotal).toHaveAttribute('data-after', '1');
  const loaded = page.getByTestId('compare-totals').locator('tr[data-name="Rows loaded"]');
  await expect(loaded).toHaveAttribute('data-before', String(now.layers.bronze));
  await expect(loaded).toHaveAttribute('data-after', '0');
  await expect(page.getByTestId('run-compare-summary')).toHaveText('1 model changed state, rows or tries; no expectation changed its result.');
  await page.screenshot({ path: 'test-results/runs-compare.png', fullPage: true });
  await expect(page).toHaveTitle('Pocket Lakehouse');

  // Run 4 fails: the model fails both its tries. The view and the tab's title say so, also after a reload.
  await page.goto('/?fault=gold.revenue_monthly,2');
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored/, { timeout: 60_000 });
  await rerun(page, 'gold.revenue_monthly');
  await openRuns(page, 4);
  const failed = ids[2]! + 1;
  await expect(page).toHaveTitle(`⚠ Run ${failed} failed — Pocket Lakehouse`);
  await expect(page.getByTestId('run-alert')).toContainText(`Run ${failed} failed: 1 model failed (gold.revenue_monthly: IO Error`);
  expect(await listed(page, failed)).toMatchObject({ status: 'failed', retried: 1 });

  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored/, { timeout: 60_000 });
  await openRuns(page, 4);
  await expect(page).toHaveTitle(`⚠ Run ${failed} failed — Pocket Lakehouse`);
  expect(await marks(page, 'duration', 'rect', [...ids, failed])).toBe(4);
  expect(await listed(page, first)).toEqual(demo);
  await page.screenshot({ path: 'test-results/runs-failed.png', fullPage: true });
});

test('retention keeps the last N runs, and Clear history forgets them, across a reload', async ({ page }) => {
  test.setTimeout(300_000);
  await runDemoAndSave(page);
  await rerun(page, 'gold.rfm');
  await openRuns(page, 2);
  const newest = await runRows(page).first().getAttribute('data-testid');
  await page.getByLabel('Keep the last').fill('1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('run-settings-message')).toHaveText('Keeping the last 1 runs.');
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first()).toHaveAttribute('data-testid', newest!);
  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored/, { timeout: 60_000 });
  await openRuns(page, 1);
  await expect(page.getByLabel('Keep the last')).toHaveValue('1');
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('button', { name: 'Yes, clear history' }).click();
  await expect(page.getByText('No runs yet')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('saved-notice')).toContainText(/^Restored/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(page.getByText('No runs yet')).toBeVisible();
});
