import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, openApp, test } from './support/fixtures';

/* Export & storage: the shipped models as a dbt project (spark/README.md), the same files as `npm run export-dbt`. */
test('the dbt project downloads as a zip with both dialects of every model', async ({ page }) => {
  await openApp(page);
  // The view tabs show once a lakehouse is loaded.
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Download dbt project (.zip)' }).click()]);
  expect(file.suggestedFilename()).toBe('pocket-lakehouse-dbt.zip');
  const files = unzipSync(await readFile((await file.path())!));
  const text = (path: string) => strFromU8(files[`pocket-lakehouse-dbt/${path}`]);
  expect(text('dbt_project.yml')).toContain('name: pocket_lakehouse');
  expect(text('profiles.yml')).toContain('type: databricks');
  const rfm = text('models/gold/gold_rfm.sql');
  expect(rfm).toContain("{% if target.type == 'duckdb' %}");
  expect(rfm).toContain('NTILE(5) OVER (ORDER BY recency_days DESC, customer_unique_id)');
  expect(rfm).toContain("{{ ref('gold_customer_ltv') }}");
  expect(Object.keys(files).filter((p) => /\/models\/(silver|gold)\/[a-z_]+\.sql$/.test(p))).toHaveLength(21);
  await expect(page.getByRole('status').filter({ hasText: 'Saved pocket-lakehouse-dbt.zip' })).toBeVisible();
});
