import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Locator, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { generateOlist } from '../src/demo/generateOlist';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, shownRows, test } from './support/fixtures';
import { runDemoAndSave, tableRows } from './support/savedLakehouse';

/*
 * Downloads: a table as Parquet, CSV and CSV for Excel (formula cells neutralised), the whole lakehouse as a zip, each opened in
 * native DuckDB here in Node; the HTML report opened in Chromium on its own, where it must
 * make no request and run nothing, even with markup in the loaded data.
 */

/** Clicks the button and returns the downloaded file's name and bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = (await file.path())!;
  return { name: file.suggestedFilename(), bytes: await readFile(path), path };
}

/** One query in native DuckDB, rows as plain objects. */
async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

test('tables download as Parquet and CSV, and the lakehouse as a zip, that DuckDB opens', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await runDemoAndSave(page);

  await page.getByRole('tab', { name: 'Tables' }).click(); // the first load that builds gold lands on the dashboard
  await page.getByTestId('table-gold.revenue_by_state').click();
  const stateRows = await shownRows(page, 'gold.revenue_by_state');
  const parquet = await download(page, page.getByRole('button', { name: 'Download Parquet' }));
  expect(parquet.name).toBe('gold.revenue_by_state.parquet');
  await expect(page.getByRole('group', { name: 'Download gold.revenue_by_state' }).getByRole('status')).toContainText('Saved gold.revenue_by_state.parquet');
  const [fromParquet] = await duckdb(`SELECT count(*)::INTEGER AS n, sum(revenue)::DOUBLE AS revenue, typeof(any_value(revenue)) AS type FROM read_parquet(${literal(parquet.path)})`);
  expect(fromParquet.n).toBe(stateRows);
  expect(fromParquet.revenue).toBeGreaterThan(0);
  expect(String(fromParquet.type)).toMatch(/^DECIMAL|DOUBLE/);
  await page.screenshot({ path: 'test-results/export-table.png' });

  await page.getByTestId('table-silver.orders').click();
  const orderRows = await shownRows(page, 'silver.orders');
  const csv = await download(page, page.getByRole('button', { name: 'Download CSV', exact: true }));
  expect(csv.name).toBe('silver.orders.csv');
  expect(csv.bytes.toString('utf8').split('\r\n')[0]).toMatch(/^order_id,customer_id,order_status,order_purchase_timestamp/);
  const [fromCsv] = await duckdb(
    `SELECT count(*)::INTEGER AS n, typeof(any_value(order_purchase_timestamp)) AS type FROM read_csv(${literal(csv.path)}, header = true, allow_quoted_nulls = false)`,
  );
  expect(fromCsv).toEqual({ n: orderRows, type: 'TIMESTAMP' });

  const tables = await tableRows(page);
  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const zip = await download(page, page.getByRole('button', { name: 'Download lakehouse (.zip)' }));
  expect(zip.name).toBe('pocket-lakehouse.zip');
  const entries = unzipSync(new Uint8Array(zip.bytes));
  const expected = Object.keys(tables).map((t) => `${t.replace('.', '/')}.parquet`);
  expect(Object.keys(entries).sort()).toEqual([...expected, 'run.json'].sort());
  for (const layer of ['bronze', 'silver', 'quarantine', 'duplicates', 'gold']) expect(expected.some((e) => e.startsWith(`${layer}/`))).toBe(true);
  const run = JSON.parse(strFromU8(entries['run.json']));
  expect(run.tables.map((t: { table: string; rows: number }) => [t.table, t.rows.toLocaleString('en-US')])).toEqual(Object.entries(tables));
  expect(run.models.length).toBeGreaterThan(10);
  expect(run.expectations.length).toBeGreaterThan(10);
  expect(run.totals.bronze_rows).toBeGreaterThan(100_000);
  // The dropped duplicates travel with the lakehouse, counted from their tables.
  const duplicateRows = Object.entries(tables).filter(([t]) => t.startsWith('duplicates.')).reduce((n, [, rows]) => n + Number(rows.replaceAll(',', '')), 0);
  expect(duplicateRows).toBeGreaterThan(0);
  expect(run.totals.duplicate_rows).toBe(duplicateRows);
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const dir = await mkdtemp('/tmp/export-zip-');
  await writeFile(`${dir}/rfm.parquet`, entries['gold/rfm.parquet']);
  const [rfm] = await duckdb(`SELECT count(*)::INTEGER AS n FROM read_parquet('${dir}/rfm.parquet')`);
  expect(Number(rfm.n).toLocaleString('en-US')).toBe(tables['gold.rfm']);
});

test('"CSV for Excel" neutralises formula cells, keeps negative numbers; plain CSV keeps every value', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  // A table no source recognises: it loads into bronze as text, under its own name.
  const csv = ['id,note,amount', "1,=cmd|' /C calc'!A0,-12.5", '2,plain,3', '3,@SUM(A1),-0.01', '4,-2+3+cmd|x,+7', ''].join('\r\n');
  await page.getByTestId('file-input').setInputFiles([{ name: 'formulas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
  await page.getByTestId('table-bronze.formulas').click({ timeout: 120_000 });
  const buttons = page.getByRole('group', { name: 'Download bronze.formulas' });

  const excel = await download(page, buttons.getByRole('button', { name: 'Download CSV for Excel', exact: true }));
  expect(excel.name).toBe('bronze.formulas.excel.csv');
  const excelRows = excel.bytes.toString('utf8').split('\r\n');
  expect(excelRows[0]).toMatch(/^id,note,amount,/);
  expect(excelRows.slice(1, 5).map((r) => r.split(',').slice(0, 3).join(','))).toEqual(["1,'=cmd|' /C calc'!A0,-12.5", '2,plain,3', "3,'@SUM(A1),-0.01", "4,'-2+3+cmd|x,+7"]);
  await expect(buttons.getByRole('status')).toContainText('Saved bronze.formulas.excel.csv');

  const plain = await download(page, buttons.getByRole('button', { name: 'Download CSV', exact: true }));
  expect(plain.name).toBe('bronze.formulas.csv');
  const [fromPlain] = await duckdb(`SELECT string_agg(note, ' | ' ORDER BY id) AS notes FROM read_csv(${literal(plain.path)}, header = true, all_varchar = true)`);
  expect(fromPlain.notes).toBe("=cmd|' /C calc'!A0 | plain | @SUM(A1) | -2+3+cmd|x");
});

const EVIL_IMG = '<img src=x onerror=alert(1)>';
const EVIL_SCRIPT = '<script>alert(2)</script>';

/** The demo files with every English category name carrying markup, so it reaches charts and the report. */
function hostileDemo() {
  return generateOlist({ sf: 0.01 }).map((f) => {
    let bytes = Buffer.from(f.bytes);
    if (f.name === 'product_category_name_translation.csv') {
      const lines = bytes.toString('utf8').split('\r\n');
      bytes = Buffer.from(
        [lines[0], ...lines.slice(1).map((l, i) => {
          const [pt, en] = l.split(',');
          return `${pt},${i % 2 ? EVIL_SCRIPT : EVIL_IMG}${en}`;
        })].join('\r\n'),
      );
    }
    return { name: f.name, mimeType: 'text/csv', buffer: bytes };
  });
}

test('the HTML report is self-contained and inert, even with markup in the data', async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(hostileDemo());
  await expect(page.getByTestId('saved-notice')).toContainText(/^Saved \d+ tables/, { timeout: 120_000 });
  // In the app the markup is text too.
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('chart-revenueByCategory').locator('svg text', { hasText: EVIL_IMG }).first()).toBeAttached({ timeout: 60_000 });

  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const report = await download(page, page.getByRole('button', { name: 'Download HTML report' }));
  expect(report.name).toMatch(/^pocket-lakehouse-report-\d{4}-\d{2}-\d{2}\.html$/);
  const html = report.bytes.toString('utf8');
  expect(html).not.toContain(EVIL_IMG);
  expect(html).not.toContain(EVIL_SCRIPT);

  // Opened on its own: every request other than the report itself is recorded and refused.
  const viewer = await page.context().newPage();
  const url = `${baseURL}/__report.html`;
  const requested: string[] = [];
  const violations: string[] = [];
  viewer.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  viewer.on('console', (m) => /Content Security Policy|Refused/i.test(m.text()) && violations.push(m.text()));
  await viewer.route('**/*', (route) => {
    if (route.request().url() === url) return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    requested.push(route.request().url());
    return route.abort();
  });
  await viewer.setViewportSize({ width: 1280, height: 900 });
  await viewer.goto(url);
  await expect(viewer.getByRole('heading', { name: 'Pocket Lakehouse report' })).toBeVisible();
  await expect(viewer.locator('figure svg')).toHaveCount(CHART_IDS.length);
  await expect(viewer.locator('dl.numbers > div')).toHaveCount(7);
  await expect(viewer.getByText('Revenue (items plus freight)')).toBeVisible();
  await expect(viewer.locator('figure svg text', { hasText: EVIL_IMG }).first()).toBeAttached();
  await expect(viewer.locator('figure svg text', { hasText: EVIL_SCRIPT }).first()).toBeAttached();
  await expect(viewer.getByRole('heading', { name: 'Data quality' })).toBeVisible();
  expect(await viewer.locator('details', { hasText: /All \d+ expectations/ }).locator('tbody tr').count()).toBeGreaterThan(100);
  await viewer.waitForTimeout(500);
  const injected = await viewer.evaluate(() => document.querySelectorAll('script, img, iframe, object, embed, foreignObject, [onerror], [onload]').length);
  expect(injected).toBe(0);
  expect(requested).toEqual([]);
  expect(violations).toEqual([]);
  expect(dialogs).toEqual([]);
  await viewer.screenshot({ path: 'test-results/export-report.png', fullPage: true });
  await viewer.screenshot({ path: 'test-results/export-report-top.png' });
  await viewer.close();
});
