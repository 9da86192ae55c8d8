import type { Page } from '@playwright/test';
import { dropFile, expect, openApp, shownRows, test } from './support/fixtures';
import { expectViewFitsNarrowScreen } from './support/viewWidth';

/*
 * The data-quality report on the demo data, then with a second orders file that brings a
 * conflicting duplicate, a row silver must quarantine, a row the CSV reader rejects and an
 * unknown status: every expectation with its status and failing count (the same numbers
 * as the run summary), the bronze balance per source (the same counts as the Tables view),
 * and the quarantine by reason (its rows).
 */

async function openDemo(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
}

/** "141 of 148 expectations pass" from the run summary. */
async function summaryCounts(page: Page): Promise<{ passed: number; total: number }> {
  const text = (await page.getByTestId('pipeline-summary').textContent())!;
  const m = /(\d+) of (\d+) expectations pass/.exec(text)!;
  return { passed: Number(m[1]), total: Number(m[2]) };
}

/** The run summary's list of expectations that did not pass: "[warn] model: name — 19 failing". */
async function summaryFailures(page: Page): Promise<Map<string, number>> {
  const items = await page.locator('.pipeline-summary .quarantine-note li').allTextContents();
  return new Map(items.map((t) => {
    const m = /^\[\w+\] (\S+): (.+) — ([\d,]+) failing$/.exec(t)!;
    return [`${m[1]}: ${m[2]}`, Number(m[3].replaceAll(',', ''))];
  }));
}

const number = (text: string | null) => Number((text ?? '').replaceAll(',', ''));

/** The balance row of a source: its numbers and the check. */
async function balance(page: Page, source: string) {
  const row = page.getByTestId('balance').locator(`tr[data-source="${source}"]`);
  const cell = async (col: string) => number(await row.locator(`td[data-col="${col}"]`).textContent());
  return {
    bronze: await cell('bronze'),
    silver: await cell('silver'),
    exact: await cell('exact'),
    conflicting: await cell('conflicting'),
    quarantined: await cell('quarantined'),
    check: (await row.locator('td[data-col="balance"]').textContent())!,
  };
}

/** Rows of the expectations table as shown. */
async function expectationRows(page: Page) {
  return page.getByTestId('expectations').locator(':scope > tbody > tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      model: tr.getAttribute('data-model')!,
      name: tr.querySelector('.expectation-name')!.textContent!,
      status: tr.getAttribute('data-status')!,
      failing: Number(tr.getAttribute('data-failing')),
    })),
  );
}

test('the report shows every expectation, the balance per source and the quarantine, as the run and DuckDB say', async ({ page }) => {
  await page.setViewportSize({ width: 1300, height: 1000 });
  await openDemo(page);
  const { passed, total } = await summaryCounts(page);
  const failures = await summaryFailures(page);
  const counts: Record<string, number> = {};
  for (const t of ['bronze.geolocation', 'silver.geolocation', 'quarantine.geolocation', 'duplicates.geolocation', 'bronze.orders', 'silver.orders']) counts[t] = await shownRows(page, t);

  await page.getByRole('tab', { name: 'Data quality' }).click();
  await expect(page.getByTestId('quality-summary')).toContainText(`${total} expectations: ${passed} pass`);
  const all = await expectationRows(page);
  expect(all).toHaveLength(total);
  expect(all.filter((e) => e.status === 'pass')).toHaveLength(passed);
  // The failing ones, with the same counts as the run summary.
  await page.getByTestId('expectation-filter').selectOption('notPassing');
  const failing = await expectationRows(page);
  expect(new Map(failing.map((e) => [`${e.model}: ${e.name}`, e.failing]))).toEqual(failures);
  expect(failing.length).toBeGreaterThan(0);
  // Sample rows of one: the delivered orders without a delivery date.
  const row = page.getByTestId('expectations').locator(':scope > tbody > tr', { hasText: 'delivered orders have a delivery date' });
  await row.getByText(/sample rows?/).click();
  await expect(row.locator('.samples tbody tr')).toHaveCount(Math.min(5, failures.get('silver.orders: delivered orders have a delivery date')!));
  await expect(row.locator('.samples tbody tr').first()).toContainText('delivered');

  // bronze = silver + duplicates + quarantine, with the Tables view's counts.
  const geo = await balance(page, 'geolocation');
  expect(geo).toMatchObject({ bronze: counts['bronze.geolocation'], silver: counts['silver.geolocation'], quarantined: counts['quarantine.geolocation'] });
  expect(geo.bronze).toBe(geo.silver + geo.exact + geo.conflicting + geo.quarantined);
  expect(geo.exact + geo.conflicting).toBe(counts['duplicates.geolocation']);
  expect(geo.check).toContain('balances');
  expect(await balance(page, 'orders')).toMatchObject({ bronze: counts['bronze.orders'], silver: counts['silver.orders'], quarantined: 0 });
  await expect(page.getByTestId('balance').locator('tbody tr')).toHaveCount(9);

  // The quarantine by reason: geolocation's points outside Brazil, all its quarantined rows.
  const groups = page.getByTestId('quarantine-groups').locator('tbody tr');
  const geoGroups = groups.and(page.locator('[data-table="geolocation"]'));
  // Counted in the worker, which may still be saving the lakehouse in the background.
  await expect(geoGroups.first()).toBeVisible();
  expect((await geoGroups.evaluateAll((trs) => trs.map((t) => Number(t.getAttribute('data-rows'))))).reduce((a, b) => a + b, 0)).toBe(counts['quarantine.geolocation']);
  await geoGroups.getByRole('button', { name: 'point outside Brazil' }).click();
  const rows = page.getByTestId('quarantine-rows').locator('tbody tr');
  await expect(rows).toHaveCount(counts['quarantine.geolocation']);
  await expect(rows.first().locator('td').first()).toHaveText(/^point outside Brazil: -?\d/);

  // The dropped duplicates are kept and shown: geolocation's points merged into their zip's first point.
  const dupGroups = page.getByTestId('duplicate-groups').locator('tbody tr[data-table="geolocation"]');
  await expect(dupGroups).toHaveCount(2);
  const byKind = Object.fromEntries(await dupGroups.evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-kind'), Number(t.getAttribute('data-rows'))])));
  expect(byKind).toEqual({ exact: geo.exact, conflicting: geo.conflicting });
  await dupGroups.getByRole('button', { name: 'exact' }).click();
  const dropped = page.getByTestId('duplicate-rows');
  await expect(dropped.locator('tbody tr')).toHaveCount(Math.min(100, geo.exact));
  await expect(dropped.locator('thead')).toContainText('_kept_row');
  await expect(dropped.locator('thead')).toContainText('geolocation_lat');
  await page.screenshot({ path: 'test-results/quality-demo.png', fullPage: true });
});

test('a second orders file with bad rows shows up as failing expectations, duplicates and quarantine with reasons', async ({ page }) => {
  await openDemo(page);
  // An order id the demo has, from the Tables view (the demo lands on the dashboard).
  await page.getByRole('tab', { name: 'Tables' }).click();
  await page.getByTestId('table-silver.orders').click();
  const known = (await page.locator('.preview tbody tr').first().locator('td').first().textContent())!;
  const before = { bronze: await shownRows(page, 'bronze.orders'), silver: await shownRows(page, 'silver.orders') };
  const header = 'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date';
  const csv = [
    header,
    // The same order id with another status: this later batch's row wins in silver, and the
    // demo's row is recorded as superseded (src/pipeline/mergeBatches.ts).
    `${known},e2e-customer-1,canceled,2018-02-01 10:00:00,,,,`,
    // A purchase time that is not a timestamp: quarantined by silver.
    'e2e-order-2,e2e-customer-2,delivered,sometime in March,,,,',
    // A field too many: rejected by the CSV reader.
    'e2e-order-3,e2e-customer-3,delivered,2018-03-01 10:00:00,,,,,surplus',
    // A status silver does not know: the accepted_values expectation fails (warn).
    'e2e-order-4,e2e-customer-4,lost in the post,2018-04-01 10:00:00,,,,',
  ].join('\n');
  await dropFile(page, 'more_orders.csv', new TextEncoder().encode(`${csv}\n`), 'text/csv');
  await expect(page.getByTestId('load-summary')).toContainText('1 file loaded into 1 table', { timeout: 60_000 });
  await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeEnabled({ timeout: 120_000 });
  const after = { bronze: await shownRows(page, 'bronze.orders'), silver: await shownRows(page, 'silver.orders'), quarantine: await shownRows(page, 'quarantine.orders') };
  expect(after.bronze).toBe(before.bronze + 3);
  expect(after.silver).toBe(before.silver + 1);
  expect(after.quarantine).toBe(2);

  await page.getByRole('tab', { name: 'Data quality' }).click();
  expect(await balance(page, 'orders')).toEqual({ bronze: after.bronze, silver: after.silver, exact: 0, conflicting: 1, quarantined: 1, check: '✓ balances' });
  await page.getByTestId('expectation-filter').selectOption('fail');
  const status = (await expectationRows(page)).find((e) => e.model === 'silver.orders' && e.name.startsWith('accepted_values(order_status;'))!;
  expect(status).toMatchObject({ status: 'fail', failing: 1 });
  const row = page.getByTestId('expectations').locator(':scope > tbody > tr', { hasText: 'accepted_values(order_status;' });
  await row.getByText('1 sample row').click();
  await expect(row.locator('.samples tbody tr')).toContainText(['e2e-order-4']);
  await expect(row.locator('.samples')).toContainText('lost in the post');

  // Quarantine: one row the reader rejected, one silver could not type, each with its reason.
  const groups = page.getByTestId('quarantine-groups').locator('tbody tr[data-table="orders"]');
  await expect(groups).toHaveCount(2);
  await groups.getByRole('button', { name: 'order_purchase_timestamp is not a timestamp' }).click();
  const rows = page.getByTestId('quarantine-rows').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('order_purchase_timestamp is not a timestamp: sometime in March');
  await expect(rows.first()).toContainText('e2e-order-2');
  await groups.getByRole('button', { name: 'TOO MANY COLUMNS' }).click();
  await expect(page.getByTestId('quarantine-rows').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('quarantine-rows')).toContainText('e2e-order-3');
  await expect(page.getByTestId('quarantine-rows')).toContainText('more_orders.csv');

  // The superseded demo row is not gone: duplicates.orders has it, as loaded, against the new batch's row silver kept.
  const dupGroups = page.getByTestId('duplicate-groups').locator('tbody tr[data-table="orders"]');
  await expect(dupGroups).toHaveCount(1);
  await expect(dupGroups).toHaveAttribute('data-kind', 'superseded');
  await expect(dupGroups).toHaveAttribute('data-rows', '1');
  await dupGroups.getByRole('button', { name: 'superseded' }).click();
  const dropped = page.getByTestId('duplicate-rows').locator('tbody tr');
  await expect(dropped).toHaveCount(1);
  await expect(dropped.first()).toContainText(known);
  await expect(dropped.first()).toContainText('olist_orders_dataset.csv');
  await expect(dropped.first()).not.toContainText('e2e-customer-1');
  await page.screenshot({ path: 'test-results/quality-bad-orders.png', fullPage: true });

  await expectViewFitsNarrowScreen(page, 'Data quality', '.quality-view');
  await page.screenshot({ path: 'test-results/quality-narrow.png', fullPage: true });
});
