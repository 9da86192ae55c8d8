import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

/*
 * The Predictions view (#17 §5): after the demo, start training and cancel it; train both models, see their metrics
 * against the baselines and their charts drawn; load another file and retrain; the model
 * card is in the exported HTML report. Training at demo scale takes a while in Chromium on
 * a loaded machine: the timeouts are generous, there are no retries.
 */

const TRAINING = 400_000;

/** A metric cell as a number (the tables show "2.15", "0.584" or "82.0 %"). */
async function cellNumber(cell: Locator): Promise<number> {
  return Number((await cell.textContent())!.replace('%', '').trim());
}

/** Every chart of the view has been embedded and drew marks (SVG paths or symbols). */
async function expectChartsDrawn(page: Page, ids: string[]) {
  for (const id of ids) {
    const chart = page.getByTestId(id);
    await expect(chart.locator('.vega-chart[data-rendered="true"] svg')).toBeVisible();
    expect(await chart.locator('svg .mark-symbol path, svg .mark-line path, svg .mark-rect path').count(), `${id} marks`).toBeGreaterThan(0);
  }
}

test('the demo → train both models → metrics and charts; retrain after another file; model card in the report', async ({ page }) => {
  test.setTimeout(1_200_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('saved-notice')).toBeVisible({ timeout: 180_000 });

  await page.getByRole('tab', { name: 'Predictions' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Predictions' });
  await expect(panel.getByRole('heading', { name: 'Predictions', level: 2 })).toBeVisible();

  // Cancel: once the network is fitting (several seconds at demo scale), Cancel stops it within
  // ~2 s with a plain "cancelled" state, the page stays usable, and training again works below.
  const status = page.getByTestId('training-status');
  await panel.getByRole('button', { name: 'Train models' }).click();
  await expect(status).toContainText(/Training delivery ETA: epoch \d+ of \d+/, { timeout: 180_000 });
  const cancelledAt = Date.now();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveText('Training was cancelled; the previous models and tables are unchanged.', { timeout: 2_000 });
  const cancelMs = Date.now() - cancelledAt;
  await expect(panel.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByTestId('predictions-eta')).toHaveCount(0);
  // Still responsive: another view opens and answers, and the way back is at once.
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expect(page.getByRole('tab', { name: 'Tables' })).toHaveAttribute('aria-selected', 'true', { timeout: 2_000 });
  await page.getByRole('tab', { name: 'Predictions' }).click();
  await expect(panel.getByRole('button', { name: 'Train models' })).toBeEnabled({ timeout: 2_000 });
  await page.screenshot({ path: 'test-results/predictions-cancelled.png' });
  test.info().annotations.push({ type: 'cancel', description: `cancelled state shown ${cancelMs} ms after the click` });

  await panel.getByRole('button', { name: 'Train models' }).click();
  // Progress is announced while training runs, with a way to stop it.
  await expect(panel.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(status).toContainText(/Building the features|Training/);
  const failed = panel.getByText(/^Training failed/);
  await expect(page.getByTestId('predictions-eta').or(failed)).toBeVisible({ timeout: TRAINING });
  await expect(failed).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Cancel' })).toHaveCount(0);

  // ETA: real numbers for the model and both baselines, and a plain verdict.
  const eta = page.getByTestId('predictions-eta');
  const etaTable = eta.getByRole('table');
  for (const row of ['Model', "Olist's estimate", 'Route median (training period)']) {
    const mae = await cellNumber(etaTable.getByRole('row', { name: row }).getByRole('cell').first());
    expect(mae, `${row} MAE`).toBeGreaterThan(0);
    expect(mae, `${row} MAE`).toBeLessThan(60);
  }
  await expect(eta.locator('.verdict')).toContainText(/The model (does not )?beat/);
  // Churn: ROC AUC of the model and of RFM recency are probabilities-of-ranking in (0, 1).
  const churn = page.getByTestId('predictions-churn');
  for (const row of ['Model', 'RFM recency']) {
    const auc = await cellNumber(churn.getByRole('table').getByRole('row', { name: row }).getByRole('cell').first());
    expect(auc, `${row} ROC AUC`).toBeGreaterThan(0);
    expect(auc, `${row} ROC AUC`).toBeLessThan(1);
  }
  await expect(churn.locator('.verdict')).toContainText(/The model (does not )?beat/);
  await expectChartsDrawn(page, ['chart-eta-scatter', 'chart-eta-residuals', 'chart-eta-importance', 'chart-churn-roc', 'chart-churn-pr', 'chart-churn-reliability', 'chart-churn-importance']);
  // The trained view (tables, charts, verdicts) passes axe-core as the untrained one does in accessibility.spec.ts.
  const { violations } = await new AxeBuilder({ page }).include('#panel-predictions').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const trainedAt = await page.getByTestId('trained-at').textContent();
  await page.screenshot({ path: 'test-results/predictions-view.png', fullPage: true });

  // The scored gold table opens in the grid.
  await eta.getByRole('button', { name: 'open gold.delivery_eta in Tables' }).click();
  await expect(page.getByRole('tab', { name: 'Tables' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.preview th', { hasText: 'predicted_days' }).first()).toBeVisible();

  // Another file: the pipeline runs again; the view says the models are older than the data; retrain.
  await page.getByTestId('file-input').setInputFiles({ name: 'store_notes.csv', mimeType: 'text/csv', buffer: Buffer.from('note_id,note\n1,hello\n2,world\n') });
  await expect(page.getByTestId('table-bronze.store_notes')).toBeVisible({ timeout: 180_000 });
  await page.getByRole('tab', { name: 'Predictions' }).click();
  await expect(page.getByTestId('predictions-stale')).toBeVisible({ timeout: 180_000 });
  await panel.getByRole('button', { name: 'Retrain' }).click();
  await expect(page.getByTestId('predictions-stale')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Cancel' })).toHaveCount(0, { timeout: TRAINING });
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId('trained-at')).not.toHaveText(trainedAt!);
  await expectChartsDrawn(page, ['chart-eta-scatter', 'chart-churn-roc']);

  // The exported report carries the model card.
  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download HTML report' }).click()]);
  const html = await readFile((await file.path())!, 'utf8');
  expect(html).toContain('Predictions: model card');
  expect(html).toMatch(/\| model \| \d+\.\d\d \| \d+\.\d\d \|/);
  expect(html).toContain('gold.churn_scores');
});
