import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';
import { expectViewFitsNarrowScreen } from './support/viewWidth';

/*
 * The pipeline view on the demo data: the DAG drawn from the run (one node per model,
 * each with the run's state, rows and time), a node's SQL, expectations and rows, keyboard
 * moves between nodes, and "re-run from here" rebuilding a model and its descendants.
 */

/** Runs the demo with the pipeline view open and waits for the DAG of the finished run. */
async function openPipeline(page: Page): Promise<void> {
  await openApp(page, '?view=pipeline');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('[data-node]').first()).toBeVisible();
}

/** The run as the page's run summary lists it: name, state, rows, ms per model. */
async function runSummary(page: Page): Promise<{ name: string; status: string; rows: number; ms: number }[]> {
  return page.locator('.pipeline-summary tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return { name: cells[0]!, status: cells[1]!.split(' ')[0]!, rows: Number(cells[2]!.replaceAll(',', '')), ms: Number(cells[3]!.replace(' ms', '')) };
    }),
  );
}

const node = (page: Page, id: string) => page.locator(`[data-node="${id}"]`);

test('the DAG has a node per model of the run with its state, rows and time, and a node shows its SQL', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPipeline(page);
  const run = await runSummary(page);
  expect(run.length).toBe(21);
  const models = page.locator('[data-node^="silver."], [data-node^="gold."]');
  await expect(models).toHaveCount(run.length);
  // The nine Olist sources feed it.
  await expect(page.locator('[data-node^="bronze."]')).toHaveCount(9);
  for (const m of run) {
    await expect(node(page, m.name)).toHaveAttribute('data-status', m.status);
    await expect(node(page, m.name)).toHaveAttribute('data-rows', String(m.rows));
    await expect(node(page, m.name)).toHaveAttribute('data-ms', String(m.ms));
  }
  expect(run.every((m) => m.status === 'success')).toBe(true);
  await expect(node(page, 'gold.rfm')).toContainText('done');
  // One edge per reference: rfm reads silver.orders and gold.customer_ltv.
  await expect(page.locator('[data-edge$="->gold.rfm"]')).toHaveCount(2);
  await expect(page.locator('[data-edge="gold.customer_ltv->gold.rfm"]')).toHaveCount(1);
  // Upstream is drawn left of downstream.
  const box = async (id: string) => (await node(page, id).boundingBox())!;
  expect((await box('gold.customer_ltv')).x).toBeLessThan((await box('gold.rfm')).x);
  expect((await box('bronze.orders')).x).toBeLessThan((await box('silver.orders')).x);

  await node(page, 'gold.rfm').click();
  await expect(node(page, 'gold.rfm')).toHaveAttribute('aria-pressed', 'true');
  const detail = page.getByTestId('model-detail');
  await expect(detail.getByRole('heading', { name: 'gold.rfm' })).toBeVisible();
  await expect(page.getByTestId('model-sql')).toContainText('-- RFM scores and segments');
  await expect(page.getByTestId('model-sql')).toContainText('FROM gold.customer_ltv');
  const expectations = page.getByTestId('model-expectations').locator('tbody tr');
  await expect(expectations.filter({ hasText: 'unique(customer_unique_id)' })).toContainText('pass');
  await expect(expectations.filter({ hasText: 'accepted_values(segment;' })).toContainText('pass');
  expect(await expectations.count()).toBeGreaterThan(8);
  // The first rows of gold.rfm, with its columns.
  const grid = detail.getByRole('region', { name: 'First rows of gold.rfm' }).or(detail.locator('.grid-scroll'));
  await expect(grid.locator('tbody tr')).toHaveCount(20);
  await expect(grid.locator('th .col-name')).toContainText(['customer_unique_id', 'recency_days', 'frequency', 'monetary']);
  await expect(detail.getByText(/Rebuilds gold\.rfm only\./)).toBeVisible();
  await page.screenshot({ path: 'test-results/pipeline-view.png', fullPage: true });

  await expectViewFitsNarrowScreen(page, 'Pipeline', '.pipeline-view');
  await node(page, 'gold.delivery_by_state').scrollIntoViewIfNeeded();
  await node(page, 'gold.delivery_by_state').click();
  await expect(page.getByTestId('model-detail').getByRole('heading', { name: 'gold.delivery_by_state' })).toBeVisible();
  await page.screenshot({ path: 'test-results/pipeline-narrow.png', fullPage: true });
});

test('arrow keys move between nodes and Enter opens one; the list gives the same models in run order', async ({ page }) => {
  await openPipeline(page);
  await node(page, 'silver.orders').click();
  await node(page, 'silver.orders').focus();
  await page.keyboard.press('ArrowRight');
  const focused = page.locator('[data-node]:focus');
  const right = await focused.getAttribute('data-node');
  expect(right).toMatch(/^gold\./);
  const before = (await node(page, 'silver.orders').boundingBox())!;
  expect((await focused.boundingBox())!.x).toBeGreaterThan(before.x);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('model-detail').getByRole('heading', { name: right! })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-node]:focus')).toHaveAttribute('data-node', /^(silver|bronze)\./);
  // Only one node is a tab stop.
  await expect(page.locator('[data-node][tabindex="0"]')).toHaveCount(1);

  await page.getByText('The models as a list, in the order they run').click();
  const items = page.locator('.dag-list li');
  await expect(items).toHaveCount(21);
  const order = await items.locator('button').allTextContents();
  expect(order.indexOf('gold.order_facts')).toBeLessThan(order.indexOf('gold.customer_ltv'));
  expect(order.indexOf('gold.customer_ltv')).toBeLessThan(order.indexOf('gold.rfm'));
});

test('re-run from here rebuilds a gold model and its descendants, and the times update', async ({ page }) => {
  await openPipeline(page);
  const finished = async (id: string) => (await node(page, id).getAttribute('data-finished'))!;
  const before = { ltv: await finished('gold.customer_ltv'), rfm: await finished('gold.rfm'), monthly: await finished('gold.revenue_monthly') };
  await node(page, 'gold.customer_ltv').click();
  const detail = page.getByTestId('model-detail');
  await expect(detail.getByText('Rebuilds gold.customer_ltv and the 3 models that read it')).toBeVisible();
  await detail.getByRole('button', { name: 'Re-run from here' }).click();
  // The times of the model and its descendants change; others keep theirs.
  await expect(node(page, 'gold.customer_ltv')).not.toHaveAttribute('data-finished', before.ltv);
  await expect(node(page, 'gold.rfm')).not.toHaveAttribute('data-finished', before.rfm);
  await expect(detail.getByRole('button', { name: 'Re-run from here' })).toBeEnabled();
  await expect(node(page, 'gold.revenue_monthly')).toHaveAttribute('data-finished', before.monthly);
  await expect(node(page, 'gold.customer_ltv')).toHaveAttribute('data-status', 'success');
  expect(Date.parse(await finished('gold.customer_ltv'))).toBeGreaterThan(Date.parse(before.ltv));
  // The detail, the node and the run summary show the same new time and rows.
  const ms = await node(page, 'gold.customer_ltv').getAttribute('data-ms');
  await expect(page.getByTestId('model-detail-ms')).toHaveText(`${ms} ms`);
  await expect(page.getByTestId('model-detail-finished')).toHaveAttribute('datetime', await finished('gold.customer_ltv'));
  const summary = (await runSummary(page)).find((m) => m.name === 'gold.customer_ltv')!;
  expect(summary.ms).toBe(Number(ms));
  expect(summary.rows).toBe(Number(await node(page, 'gold.customer_ltv').getAttribute('data-rows')));
  await page.screenshot({ path: 'test-results/pipeline-rerun.png', fullPage: true });
});
