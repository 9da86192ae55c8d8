import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openApp, test } from './support/fixtures';

/**
 * Issue #7, memory: before loading, the files' size is turned into an estimate of what
 * DuckDB will hold (src/ingest/memoryEstimate.ts) and the page warns near DuckDB-WASM's
 * limit. A 500 MB `.sql.gz` counts as ~4.8 GiB in bronze (gzip ×3, dump ×3.3), so it is
 * stored compressed (issue #14: about a quarter of that, ingest/compressedStorage.ts), ~1.2 GiB,
 * and twice that with silver and gold, past 75% of the 3 GiB limit. The file is zeros, not
 * gzip, so the load itself stops at once, with its own message.
 */
let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'memory-e2e-'));
  const fd = openSync(join(root, 'shop.sql.gz'), 'w');
  ftruncateSync(fd, 500 * 1024 * 1024);
  closeSync(fd);
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('files that may not fit in DuckDB-WASM are warned about, with what to do', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(join(root, 'shop.sql.gz'));
  const warning = page.getByTestId('memory-warning');
  await expect(warning).toHaveText(
    /^Warning: these files will take about 1\.2 GiB in DuckDB once loaded, about 2\.4 GiB with silver and gold, close to the 3(\.\d)? GiB DuckDB can use in this tab\. If it runs out of memory, load fewer files at a time, or run the pipeline with the native engine: npm run pipeline -- --engine native --out DIR FILES…$/,
  );
  await expect(page.locator('.ingest-summary .problems[role=alert] li')).toHaveText([/^shop\.sql\.gz \(byte 0\): this is not a gzip file/]);
  await page.screenshot({ path: 'test-results/memory-warning.png' });
});
