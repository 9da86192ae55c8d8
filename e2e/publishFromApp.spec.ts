import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './support/fixtures';
import { runDemoAndSave } from './support/savedLakehouse';

/*
 * Publishing from Export & storage (issue 21): the bundled demo policies published in the
 * page's second DuckDB, downloaded as one zip of what `npm run publish` writes, each
 * extract checked here in native DuckDB against its manifest; a bad policies file names
 * its line, and a table the lakehouse lacks fails with a clear message.
 */

const EXTRACT_ORDER = ['south-east', 'partner', 'partner', 'all-staff'];

test('Export & storage publishes one extract per audience with its report, and names a policy error’s line', async ({ page }) => {
  test.setTimeout(300_000);
  await runDemoAndSave(page);
  await page.getByRole('tab', { name: 'Export & storage' }).click();
  const section = page.getByTestId('publish');
  await expect(section).toContainText('policies/demo.yaml');

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), section.getByRole('button', { name: 'Publish extracts (.zip)' }).click()]);
  expect(download.suggestedFilename()).toBe('pocket-lakehouse-publication-2026-12-07.1.zip');
  await expect(section.getByTestId('publish-status')).toContainText('Saved pocket-lakehouse-publication-2026-12-07.1.zip');
  const outer = unzipSync(await readFile((await download.path())!));
  const publication = JSON.parse(strFromU8(outer['publication.json']!));
  expect(publication).toMatchObject({ format: 'pocket-lakehouse-publication', policyVersion: '2026-12-07.1' });
  expect(publication.extracts.map((e: { audience: string }) => e.audience)).toEqual(EXTRACT_ORDER);

  const dir = await mkdtemp(join(tmpdir(), 'publish-e2e-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  try {
    for (const entry of publication.extracts) {
      const zip = outer[entry.file]!;
      expect(createHash('sha256').update(zip).digest('hex')).toBe(entry.sha256);
      const files = unzipSync(zip);
      const manifest = JSON.parse(strFromU8(files['extract.json']!));
      expect(manifest).toMatchObject({ audience: entry.audience, policyVersion: '2026-12-07.1', parameters: entry.parameters });
      for (const t of manifest.tables) {
        const bytes = files[t.file]!;
        expect(createHash('sha256').update(bytes).digest('hex'), t.file).toBe(t.sha256);
        const path = join(dir, `${createHash('sha256').update(entry.file + t.file).digest('hex')}.parquet`);
        await writeFile(path, bytes);
        const [{ n }] = await query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`);
        expect(n, `${entry.file} ${t.file}`).toBe(t.rows);
        if (entry.audience === 'south-east' && t.columns.some((c: { name: string }) => c.name === 'customer_state')) {
          const states = (await query(`SELECT DISTINCT customer_state FROM read_parquet('${path}') WHERE customer_state IS NOT NULL`)).map((r) => r.customer_state);
          expect(states.every((s) => s === 'SP' || s === 'RJ'), `${t.file}: ${states.join(',')}`).toBe(true);
        }
      }
      const report = strFromU8(files['report.html']!);
      expect(report).toContain(`Pocket Lakehouse report · ${entry.audience}`);
      if (manifest.tables.some((t: { schema: string }) => t.schema === 'dashboard')) expect(report, entry.file).toMatch(/<\/figcaption><svg /);
      if (entry.audience === 'south-east') {
        const byState = report.split('<h3>gold.revenue_by_state</h3>')[1]!.split('</table>')[0]!;
        const cells = [...byState.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);
        expect(cells.sort()).toEqual(['RJ', 'SP']);
      }
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }

  // A mask that does not exist: the page names the file and line before anything runs.
  const input = section.locator('input[type=file]');
  await input.setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from('version: 1\naudiences:\n  north:\n    tables:\n      gold.revenue_by_state:\n        masks: { revenue: scramble }\n') });
  await expect(section.getByTestId('publish-problems')).toContainText('bad.yaml:6:');
  await expect(section.getByRole('button', { name: 'Publish extracts (.zip)' })).toBeDisabled();
  // Valid, but naming a table this lakehouse lacks: the worker's error names the line, audience and table.
  await input.setInputFiles({ name: 'missing.yaml', mimeType: 'text/yaml', buffer: Buffer.from('version: 1\naudiences:\n  north:\n    tables:\n      gold.no_such_table:\n') });
  await section.getByRole('button', { name: 'Publish extracts (.zip)' }).click();
  await expect(section.getByTestId('publish-status')).toContainText('Publishing the extracts failed: line 5: audience north: the policy lists gold.no_such_table, which the lakehouse does not have', { timeout: 120_000 });
});
