/**
 * npx vite build && npx tsx bench/restore.ts [-- --sf 0.1,1 --runs 3 --port 5221]
 *
 * Restore after reload of the lakehouse stored in OPFS (one DuckDB database file), in
 * headless Chromium (EH). Per scale: `npm run generate` writes the CSVs, they are picked in
 * the page, the pipeline runs and the store is checkpointed; then the page is reloaded
 * `runs` times, interleaved with the start of a page that has nothing stored (a fresh
 * browser context: the baseline every page load pays). Reported per run, as the worker
 * measures it: the whole restore (writer lock, marker, DuckDB start and open, table
 * check), its re-attach part (opening the database file + checking the tables against the
 * marker: what a stored lakehouse adds to a start), and the wall time from reload to the
 * "Restored" notice. Writes bench/results/restore.md with medians and the load average.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { launchChromium, startServer } from './chromium';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';
import { median } from './stats';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '0.1,1' }, runs: { type: 'string', default: '3' }, port: { type: 'string', default: '5221' } } });
const scales = String(values.sf).split(',').map(Number);
const runs = Number(values.runs);
const base = `http://127.0.0.1:${values.port}/?bundle=eh`;

interface Restore {
  wallMs: number;
  restoreMs: number;
  reattachMs: number;
  phases: Record<string, number>;
}

async function restoreOnce(page: Page, tables: number): Promise<Restore> {
  const t0 = Date.now();
  await page.reload();
  const notice = page.getByTestId('saved-notice');
  await notice.filter({ hasText: `Restored ${tables} tables` }).waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - t0;
  const ms = page.getByTestId('saved-ms');
  const phases = JSON.parse((await ms.getAttribute('data-phases')) ?? '{}') as Record<string, number>;
  const reattachMs = (phases['engine: opening the database'] ?? NaN) + (phases['tables checked'] ?? NaN) + (phases.marker ?? 0);
  return { wallMs, restoreMs: Number(await ms.textContent()) * 1000, reattachMs, phases };
}

/** A page with nothing stored: from navigation to the engine badge (DuckDB started, an empty file made). */
async function emptyStart(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(base);
    await page.getByTestId('engine-badge').waitFor({ timeout: 120_000 });
    return Date.now() - t0;
  } finally {
    await context.close();
  }
}

async function benchScale(browser: Browser, sf: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), `restore-bench-${sf}-`));
  try {
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate.ts', '--sf', String(sf), '--out', dir], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.getByTestId('engine-badge').waitFor({ timeout: 120_000 });
    await page.getByTestId('file-input').setInputFiles(readdirSync(dir).map((f) => join(dir, f)));
    const saved = page.getByTestId('saved-notice');
    await saved.filter({ hasText: /^Saved \d+ tables/ }).waitFor({ timeout: 900_000 });
    const tables = Number(/Saved (\d+) tables/.exec((await saved.textContent()) ?? '')![1]);
    const fileBytes = await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('pocket-lakehouse');
      return (await (await dir.getFileHandle('lakehouse.duckdb')).getFile()).size;
    });
    const restores: Restore[] = [];
    const empties: number[] = [];
    for (let i = 0; i < runs; i++) {
      restores.push(await restoreOnce(page, tables));
      empties.push(await emptyStart(browser));
      console.log(`sf=${sf} run ${i + 1}: restore ${restores.at(-1)!.restoreMs} ms, re-attach ${restores.at(-1)!.reattachMs} ms, wall ${restores.at(-1)!.wallMs} ms, empty start ${empties.at(-1)} ms`, restores.at(-1)!.phases);
    }
    await context.close();
    const m = (xs: number[]) => Math.round(median(xs));
    const emptyMedian = median(empties);
    return [
      `| ${sf} | ${tables} | ${(fileBytes / 2 ** 20).toFixed(1)} MiB | ${m(restores.map((r) => r.reattachMs))} | ${m(restores.map((r) => r.restoreMs))} | ${m(restores.map((r) => r.wallMs))} | ${m(empties)} | ${(median(restores.map((r) => r.wallMs)) / emptyMedian).toFixed(2)}× |`,
      ...restores.map((r, i) => `<!-- sf=${sf} run ${i + 1}: ${JSON.stringify(r.phases)} -->`),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const before = loadAverage();
const server = await startServer(String(values.port));
const browser = await launchChromium();
const rows: string[] = [];
try {
  for (const sf of scales) rows.push(...(await benchScale(browser, sf)));
} finally {
  await browser.close();
  server.kill();
}
const after = loadAverage();
const { cores, commit } = machineAndCommit();
const table = rows.filter((r) => r.startsWith('|'));
const notes = rows.filter((r) => r.startsWith('<!--'));
const md = `# Restore after reload (the lakehouse stored as a DuckDB database file in OPFS)

\`npx tsx bench/restore.ts -- --sf ${scales.join(',')} --runs ${runs}\` · headless Chromium, EH bundle · ${cores} cores · commit ${commit} ·
load average before ${formatLoad(before)}, after ${formatLoad(after)} (1 / 5 / 15 min): ${loadVerdict(before, after, cores)}

Medians of ${runs} reloads per scale. **re-attach**: opening the database file + checking every table against the
checkpoint marker (what a stored lakehouse adds to a start). **restore**: the whole start-up as the worker measures
it (writer lock, marker, DuckDB start and open, table check). **reload → restored**: wall time from \`page.reload()\`
to the "Restored" notice. **empty start**: a page with nothing stored, to its engine badge (interleaved with the reloads),
the baseline every page load pays.

| sf | tables | database file | re-attach ms | restore ms | reload → restored ms | empty start ms | reload / empty start |
|---|---:|---:|---:|---:|---:|---:|---:|
${table.join('\n')}

Target (issue 14): restore after reload under 1 s at sf=1 and sf=10.

${notes.join('\n')}
`;
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/restore.md', md);
console.log(md);
