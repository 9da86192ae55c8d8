import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

/**
 * Issue #14 §3: a picked CSV is read by DuckDB straight from the File (registerFileHandle,
 * BROWSER_FILEREADER), never copied whole into the worker or into WASM memory. A 300 MB
 * CSV is written to a temporary folder and picked; the renderer's peak resident memory
 * while it loads (Linux: /proc VmHWM, reset first through clear_refs) is compared with
 * what DuckDB keeps for the loaded table. Reading the file into a buffer costs the file
 * once in the worker and once more in WASM memory (measured: 1.26× its size beyond the
 * table); reading it in place costs the table plus DuckDB's scan buffers.
 */
// 300 MB: below the size at which a load is stored compressed (ingest/compressedStorage.ts),
// where DuckDB's own working set while the one CREATE TABLE AS runs (the rows uncompressed
// until they are stored) is about 1.4× the file (measured at 364 MiB) and would hide a copy.
// DuckDB's scan buffers and the rest cost ~140 MiB whatever the size (measured at 182 and
// 330 MiB), so the file must be large for the share to mean something.
const ROWS = 1_500_000;
const FILE_MB = 300;
/** Memory beyond the loaded table, as a share of the file: well below one copy of it. */
const MAX_EXTRA_SHARE = 0.75;

let root: string;
let csv: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'large-csv-e2e-'));
  csv = join(root, 'events.csv');
  const fd = openSync(csv, 'w');
  const filler = 'x'.repeat(FILE_MB * 1e6 / ROWS - 42); // rows of 200 bytes
  writeSync(fd, 'event_id,customer,amount,note\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `${i},customer-${(i * 7919) % 100003},${((i * 131) % 99991) / 100},${filler}${i % 1000}\n`;
    if (chunk.length > 4e6) (writeSync(fd, chunk), (chunk = ''));
  }
  writeSync(fd, chunk);
  closeSync(fd);
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The browser's renderer processes (the page and its workers live in one of them). */
async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** What DuckDB holds (bytes) and the rows loaded, through the SQL console. */
async function duckdbBytesAndRows(page: Page): Promise<[number, number]> {
  await page.getByRole('tab', { name: 'SQL console' }).click();
  const editor = page.getByLabel('SQL', { exact: true });
  await editor.fill('SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::BIGINT AS held, (SELECT count(*) FROM bronze.events) AS n');
  await editor.press('Control+Enter');
  const cells = page.getByRole('grid', { name: 'Console result' }).locator('tbody tr:not(.dg-pending) td');
  await expect(cells.nth(1)).toHaveText(/^[\d,]+$/);
  const [held, rows] = (await cells.allTextContents()).slice(0, 2).map((t) => Number(t.replaceAll(',', '')));
  return [held!, rows!];
}

test('a 300 MB picked CSV loads without being copied whole', async ({ page, browser }) => {
  test.skip(process.platform !== 'linux', 'reads peak memory from /proc');
  test.setTimeout(600_000);
  // In memory (?storage=memory), where DuckDB's table is what it holds afterwards, so what
  // the peak has beyond it is the input's cost. Stored in OPFS the peak is lower in all
  // (renderer growth 315 MiB against 543 MiB here, 273 MiB file) but DuckDB keeps only
  // 24 MiB afterwards, so its write buffers during the load cannot be told from a copy.
  await openApp(page, '?storage=memory');
  const pids = await rendererPids(browser);
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
  const before = pids.reduce((n, pid) => n + statusKb(pid, 'VmRSS'), 0) * 1024;

  await page.getByTestId('file-input').setInputFiles(csv);
  await expect(page.getByTestId('load-summary')).toBeVisible({ timeout: 540_000 });
  const peak = pids.reduce((n, pid) => n + statusKb(pid, 'VmHWM'), 0) * 1024;

  const size = statSync(csv).size;
  const [held, rows] = await duckdbBytesAndRows(page);
  const extra = peak - before - held;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  test.info().annotations.push({
    type: 'memory',
    description: `file ${mb(size)}; renderer peak growth ${mb(peak - before)}; DuckDB holds ${mb(held)}; beyond the table ${mb(extra)} = ${(extra / size).toFixed(2)}× the file`,
  });
  console.log(test.info().annotations.at(-1)!.description);
  expect(rows).toBe(ROWS); // the load happened, whole
  expect(extra).toBeLessThan(size * MAX_EXTRA_SHARE);
});
