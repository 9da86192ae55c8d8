import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { VIEWS } from '../src/ui/views/urlState';
import { expect, openApp, test } from './support/fixtures';

/*
 * axe-core on every view after the demo, against WCAG 2.0 and 2.1 A and AA: no serious
 * or critical violation. Each view is checked once its content is on screen.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TAB_NAMES: Record<(typeof VIEWS)[number], string> = {
  tables: 'Tables',
  dashboard: 'Dashboard',
  console: 'SQL console',
  pipeline: 'Pipeline',
  catalog: 'Catalog',
  quality: 'Data quality',
  predictions: 'Predictions',
  governance: 'Governance',
  runs: 'Runs',
  export: 'Export & storage',
};

/** Serious and critical violations on the page as it is, one line per element. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`));
}

test('no serious or critical axe-core violation on any view after the demo', async ({ page }) => {
  // axe walks every element of eight screens (the grid's included): slow on a busy machine.
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  // The first screen, before anything is loaded.
  expect(await seriousViolations(page), 'first screen').toEqual([]);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.locator('[data-chart] .vega-chart[data-rendered-key=""]')).toHaveCount(9, { timeout: 120_000 });
  await expect(page.getByTestId('saved-notice')).toBeVisible({ timeout: 120_000 });
  for (const view of VIEWS) {
    await page.getByRole('tab', { name: TAB_NAMES[view] }).click();
    const panel = page.getByRole('tabpanel', { name: TAB_NAMES[view] });
    await expect(panel).toBeVisible();
    // Wait for what each view fetches from the worker before checking it.
    if (view === 'tables') await page.getByTestId('table-gold.rfm').click(), await expect(page.locator('.preview th').first()).toBeVisible();
    if (view === 'pipeline') await expect(page.locator('[data-node]').first()).toBeVisible();
    if (view === 'catalog') await expect(panel.locator('.catalog-tree')).toBeVisible();
    if (view === 'quality') await expect(page.getByTestId('expectations')).toBeVisible();
    if (view === 'runs') {
      await panel.getByTestId('run-list').getByRole('button').first().click();
      await expect(panel.getByTestId('run-detail')).toBeVisible();
      await expect(panel.locator('.vega-chart[data-rendered-key]')).toHaveCount(5);
    }
    if (view === 'governance') await expect(page.getByTestId('effective-access')).toBeVisible();
    expect(await seriousViolations(page), `${view} view`).toEqual([]);
  }
});
