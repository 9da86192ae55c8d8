import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BAD_INPUTS } from '../src/ingest/badInputs.cases';
import { expect, openApp, shownRows, test } from './support/fixtures';

/**
 * The bad-input corpus (src/ingest/badInputs.cases.ts) in the app: each case's folder is
 * picked with the folder input, so files are named `<folder>/<path>` as in the CLI, and
 * the page must show the same messages, load the same rows and keep running. The
 * fixtures fail a test on any page error, CSP violation or foreign request; here a
 * dialog (an `alert(1)` that ran) or `window.__pwned` being set fail it too.
 */
let root: string;
// 41 independent cases of ~4 s each: with several workers they share out instead of one
// worker running the whole file (each worker writes its own copy of the corpus).
test.describe.configure({ mode: 'parallel' });

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bad-inputs-e2e-'));
  for (const c of BAD_INPUTS) {
    for (const f of c.files()) {
      const path = join(root, c.folder, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
    }
    for (const f of c.fixtures ?? []) cpSync(new URL(`../fixtures/${f.from}`, import.meta.url), join(root, c.folder, f.to), { recursive: true });
  }
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const c of BAD_INPUTS) {
  test(c.name, async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openApp(page);
    await page.getByTestId('folder-input').setInputFiles(join(root, c.folder));
    await expect(page.getByTestId('pipeline-summary')).toBeVisible({ timeout: 90_000 });
    // Loading and modelling are over once the buttons are back (the table list is final then).
    await expect(page.getByRole('button', { name: 'Pick files…' })).toBeEnabled();
    // The worker did not fail as a whole: that would be a bare message, not a report.
    await expect(page.locator('p.error')).toHaveCount(0);

    // The same messages as the CLI: errors in the alert, the first quarantined row of each
    // table in the quarantine note, notes under "Notes".
    const summary = page.locator('.ingest-summary');
    const errors = await summary.locator('.problems[role=alert] li').allTextContents();
    expect(errors.length > 0, `errors: ${errors.join(' | ')}`).toBe(c.exit === 1);
    const quarantine = (await summary.locator('.quarantine-note li').allTextContents()).map((t) => t.slice(t.indexOf(' — e.g. ') + ' — e.g. '.length));
    const notesToggle = summary.locator('.notes summary');
    if (await notesToggle.count()) await notesToggle.click();
    const notes = await summary.locator('.notes li').allTextContents();
    const skippedToggle = page.locator('.pipeline-summary .skipped-expectations summary');
    if (await skippedToggle.count()) await skippedToggle.click();
    const expectations = await page.locator('.pipeline-summary .skipped-expectations li').allTextContents();
    const shown = { error: errors, quarantine, note: notes, expectation: expectations };
    for (const m of c.messages) expect(shown[m.kind], `${m.kind}: ${m.text}`).toContainEqual(expect.stringMatching(m.text));
    for (const e of errors) expect(e).toMatch(/^\S.* \((line \d+|statement \d+|byte \d+)(, [a-z]+ \d+)*\): \S/);

    // The same rows: every bronze table, every quarantine table with rows, nothing else.
    const listed = async (layer: string) =>
      (await page.locator(`[data-testid^="table-${layer}."]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((id) => id.slice('table-'.length));
    expect((await listed('bronze')).sort()).toEqual(Object.keys(c.tables).filter((t) => t.startsWith('bronze.')).sort());
    for (const table of await listed('quarantine')) expect(await shownRows(page, table), table).toBe(c.tables[table] ?? 0);
    for (const [table, rows] of Object.entries(c.tables)) expect(await shownRows(page, table), table).toBe(rows);

    // bronze = silver + duplicates + quarantine held for every source.
    await expect(page.locator('.pipeline-summary .quarantine-note li', { hasText: 'bronze = silver + duplicates + quarantine' })).toHaveCount(0);
    for (const table of Object.keys(c.tables).filter((t) => t.startsWith('bronze.'))) {
      const model = table.replace('bronze.', 'silver.');
      const skipped = c.skipped?.[model];
      // A source lacking a column its silver model reads: the model says which, and why.
      if (skipped) await expect(page.getByTestId(`model-${model}`).locator('td').nth(1)).toHaveText(new RegExp(`^skipped — ${skipped.source.slice(1)}`));
      else await expect(page.getByTestId(`model-${model}`)).toContainText(`${c.tables[table]!.toLocaleString('en-US')} = `);
    }

    // Values arrive as written and are shown as text, markup included.
    for (const v of c.values ?? []) {
      await page.getByTestId(`table-${v.table}`).click();
      await expect(page.locator('#preview-title')).toContainText(v.table);
      expect(await page.locator('.preview td').allTextContents(), `${v.table}.${v.column}`).toContain(v.value);
    }
    await expect(page.locator('.preview img, .preview script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
}
