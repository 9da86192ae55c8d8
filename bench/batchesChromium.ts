/**
 * npx vite build && npx tsx bench/batchesChromium.ts [-- --sf 1 --runs 3 --port 4191]
 *
 * Issue #15 in the app (headless Chromium, DuckDB-WASM EH bundle, the lakehouse in its OPFS
 * database): the batch of bench/batches.ts (1 % new and 1 % changed orders with their items,
 * payments and reviews) picked through the file input of a page holding the sf=1 lakehouse,
 * against a full rebuild in a fresh page. Interleaved (batch, rebuild, batch, …), medians of
 * `runs`, load average before and after. Prepends its section to bench/results/batches.md.
 *
 * Times run from the pick to the moment the worker's steps (src/lakehouse/timings, polled
 * every 25 ms) say the run's models and checks are done (`run: models`), its version is
 * committed and recorded (`run: history`), and it is saved (`save`: the OPFS checkpoint).
 * The app runs the pipeline after every load, so the page cannot hold two batches before
 * one run: the rebuild picks the sf=1 files and the batch's files (under other names) at
 * once into a fresh page, one load and one whole run over the same rows. Within one batch
 * the first row of a key wins, not the later one, so its silver differs from the batch's in
 * which of the 1 % changed rows is kept; the work (rows typed, merged, checked, committed,
 * saved) is the same.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page, Worker } from '@playwright/test';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { Lakehouse } from '../src/lakehouse/lakehouse';
import type { StepTime } from '../src/lakehouse/timings/stepTimes';
import { launchChromium, startServer } from './chromium';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { median } from './stats';
import { writeBatchFiles } from './support/batchFiles';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, port: { type: 'string', default: '4191' } } });
const sf = Number(values.sf);
const runs = Number(values.runs);
const port = String(values.port);

/** One pick in the page: wall times from the pick, and the worker's own steps after it (summed by name). */
interface PickTiming {
  /** Pick → the run's models and checks done. */
  run: number;
  /** Pick → version committed and the run recorded. */
  committed: number;
  /** Pick → saved to OPFS. */
  saved: number;
  steps: Record<string, number>;
  /** CPU time of Chromium's renderers (the page, its workers, DuckDB-WASM) from the pick to saved: less at the mercy of the machine's load. */
  cpu: number;
  /** Each model's milliseconds in the run the pick started, from the Pipeline view (`silver.orders` → ms). */
  models: Record<string, number>;
}

const WATCHED = { run: 'run: models', committed: 'run: history', saved: 'save' } as const;

async function lakehouseWorker(page: Page): Promise<Worker> {
  for (const until = Date.now() + 60_000; Date.now() < until; await page.waitForTimeout(100)) {
    const w = page.workers().find((x) => x.url().includes('lakehouse'));
    if (w) return w;
  }
  throw new Error('no lakehouse worker');
}

const stepsOf = async (worker: Worker) => ((await worker.evaluate('self.lakehouseStepTimes?.()')) ?? []) as StepTime[];

/** Picks `paths` and waits for the run, the commit and the save of that load, timed from the pick. */
async function timePick(page: Page, worker: Worker, paths: string[]): Promise<PickTiming> {
  const before = (await stepsOf(worker)).length;
  const cpu0 = await rendererCpu(page);
  const t0 = performance.now();
  await page.getByTestId('file-input').setInputFiles(paths);
  const seen: Partial<Record<keyof typeof WATCHED, number>> = {};
  let after: StepTime[] = [];
  for (const until = Date.now() + 1_800_000; Date.now() < until; ) {
    after = (await stepsOf(worker)).slice(before);
    const now = performance.now() - t0;
    for (const [k, step] of Object.entries(WATCHED) as [keyof typeof WATCHED, string][]) if (seen[k] === undefined && after.some((s) => s.step === step)) seen[k] = now;
    if (seen.saved !== undefined && seen.committed !== undefined && seen.run !== undefined) break;
    if (await page.locator('.problems').count()) throw new Error(String(await page.locator('.problems').textContent()));
    await page.waitForTimeout(25);
  }
  if (seen.saved === undefined) throw new Error(`the pick was not saved in time; steps: ${JSON.stringify(after)}`);
  const cpu1 = await rendererCpu(page);
  const cpu = [...cpu1].reduce((n, [pid, s]) => n + (s - (cpu0.get(pid) ?? 0)), 0) * 1000;
  const steps: Record<string, number> = {};
  for (const s of after) steps[s.step] = (steps[s.step] ?? 0) + s.ms;
  return { run: seen.run!, committed: seen.committed!, saved: seen.saved, cpu, steps, models: await modelTimes(page) };
}

/** Each renderer process's CPU time so far, seconds by pid (CDP SystemInfo.getProcessInfo). */
async function rendererCpu(page: Page): Promise<Map<number, number>> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
    return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  } finally {
    await cdp.detach();
  }
}

/** The last run's time per model, as the Pipeline view shows it; back to the tab the page was on. */
async function modelTimes(page: Page): Promise<Record<string, number>> {
  const selected = page.getByRole('tab', { selected: true });
  const was = await selected.textContent();
  await page.getByRole('tab', { name: 'Pipeline' }).click();
  const nodes = page.locator('.dag-node[data-ms]');
  await nodes.first().waitFor({ timeout: 60_000 });
  const models = Object.fromEntries(await nodes.evaluateAll((els) => els.map((e) => [e.getAttribute('data-node')!, Number(e.getAttribute('data-ms'))] as const)));
  if (was) await page.getByRole('tab', { name: was }).click();
  return models;
}

async function openPage(browser: Browser): Promise<{ page: Page; worker: Worker; close: () => Promise<void> }> {
  // A fresh context: its own, empty OPFS.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/?bundle=eh`);
  await page.getByTestId('engine-badge').waitFor({ timeout: 60_000 });
  return { page, worker: await lakehouseWorker(page), close: () => context.close() };
}

const work = mkdtempSync(join(tmpdir(), 'batches-chromium-'));
const server = await startServer(port);
const browser = await launchChromium();
const before = loadAverage();
const batchRuns: PickTiming[] = [];
const rebuildRuns: PickTiming[] = [];
const baseRuns: PickTiming[] = [];
let batchRows = 0;
try {
  const { files, dir } = await writeOlist(sf);
  const paths = files.map((f) => join(dir, f.path));
  // The batch files come from bronze of the sf=1 lakehouse, as in bench/batches.ts (bronze is all they need).
  const basePath = join(work, 'base.duckdb');
  const engine = await NativeEngine.open(basePath);
  await new Lakehouse(engine).load(files);
  await engine.close();
  const batchDir = join(work, 'batch');
  mkdirSync(batchDir);
  const batch = await writeBatchFiles(basePath, batchDir);
  batchRows = batch.reduce((n, f) => n + new TextDecoder().decode(f.bytes).split('\n').length - 2, 0);
  const batchPaths = readdirSync(batchDir).map((name) => join(batchDir, name));
  // The rebuild picks them with the sf=1 files at once: under other names, so that no two files share one.
  const renamedDir = join(work, 'renamed');
  mkdirSync(renamedDir);
  const renamedPaths = readdirSync(batchDir).map((name) => {
    const to = join(renamedDir, `batch2_${name}`);
    copyFileSync(join(batchDir, name), to);
    return to;
  });
  for (let i = 0; i < runs; i++) {
    const a = await openPage(browser);
    try {
      baseRuns.push(await timePick(a.page, a.worker, paths));
      // Let the page settle (the dashboard drawn after the first run) before the batch.
      await a.page.waitForTimeout(2000);
      batchRuns.push(await timePick(a.page, a.worker, batchPaths));
    } finally {
      await a.close();
    }
    const b = await openPage(browser);
    try {
      rebuildRuns.push(await timePick(b.page, b.worker, [...paths, ...renamedPaths]));
    } finally {
      await b.close();
    }
    const last = (xs: PickTiming[]) => xs.at(-1)!;
    console.log(`run ${i + 1}: batch run ${Math.round(last(batchRuns).run)} / committed ${Math.round(last(batchRuns).committed)} / saved ${Math.round(last(batchRuns).saved)} ms; ` +
      `rebuild ${Math.round(last(rebuildRuns).run)} / ${Math.round(last(rebuildRuns).committed)} / ${Math.round(last(rebuildRuns).saved)} ms`);
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
const after = loadAverage();
const { cores, commit } = machineAndCommit();
type Measure = 'run' | 'committed' | 'saved' | 'cpu';
const med = (xs: PickTiming[], k: Measure) => median(xs.map((x) => x[k]));
const pct = (k: Measure) => `${((med(batchRuns, k) / med(rebuildRuns, k)) * 100).toFixed(0)} %`;
const pairs = (k: Measure) => batchRuns.map((b, i) => `${Math.round((b[k] / rebuildRuns[i]![k]) * 100)} %`).join(', ');
const stepNames = [...new Set([...batchRuns, ...rebuildRuns].flatMap((r) => Object.keys(r.steps)))];
const stepMed = (xs: PickTiming[], s: string) => Math.round(median(xs.map((x) => x.steps[s] ?? 0)));
const row = (name: string, xs: PickTiming[]) => `| ${name} | ${Math.round(med(xs, 'run'))} | ${Math.round(med(xs, 'committed'))} | ${Math.round(med(xs, 'saved'))} | ${Math.round(med(xs, 'cpu'))} |`;
const stepRows = stepNames.map((s) => `| ${s} | ${stepMed(batchRuns, s)} | ${stepMed(rebuildRuns, s)} |`);
const modelNames = Object.keys(batchRuns[0]?.models ?? {});
const modelMed = (xs: PickTiming[], m: string) => Math.round(median(xs.map((x) => x.models[m] ?? 0)));
const modelRows = modelNames.map((m) => `| ${m} | ${modelMed(batchRuns, m)} | ${modelMed(rebuildRuns, m)} |`);
const md = `## ${new Date().toISOString().slice(0, 10)}, commit ${commit}: Chromium (the app, DuckDB-WASM EH, OPFS)

\`npx vite build && npx tsx bench/batchesChromium.ts -- --sf ${sf} --runs ${runs}\` · headless Chromium (Debian's), the built app served by scripts/serve.mjs, EH bundle, the lakehouse in its OPFS database · ${cores} cores · commit ${commit} ·
load average before ${formatLoad(before)}, after ${formatLoad(after)} (1 / 5 / 15 min): ${loadVerdict(before, after, cores)}

The batch (${batchRows} CSV records in 4 files, as in the native section) picked through the file input of a page that
holds the sf=${sf} lakehouse (its files picked, run and saved first), against a **full rebuild**: a fresh page (empty
OPFS) picking the sf=${sf} files and the batch's files at once (one load, one whole run: the app runs the pipeline after
every load, so a page cannot hold both batches before one run; same rows and work, though within one load the first
row of a key wins). Times from the pick, polled from the worker's steps; interleaved, medians of ${runs}.

| pick | to run done ms | to committed ms | to saved ms | renderer CPU ms, pick to saved |
|---|---:|---:|---:|---:|
${row('batch 2 on the sf=' + sf + ' lakehouse', batchRuns)}
${row('full rebuild (all files, one load, one run)', rebuildRuns)}
${row('(the sf=' + sf + ' lakehouse itself, before each batch)', baseRuns)}

Batch / rebuild: to run done ${pct('run')} (pairs ${pairs('run')}), to committed ${pct('committed')} (pairs ${pairs('committed')}), to saved ${pct('saved')} (pairs ${pairs('saved')}); renderer CPU time, pick to saved, ${pct('cpu')} (pairs ${pairs('cpu')}: the
page's, its workers' and DuckDB-WASM's CPU time, which the machine's load inflates less than the wall time; the target
is on the wall time).

The worker's own steps after the pick (src/lakehouse/timings; medians, ms; a step that ran more than once is summed:
load: files = read and bronze; load: batch = the batch bookkeeping; run: models = models, checks, and in a run in
order of need the dashboard's tables built as it goes; save = the OPFS checkpoint):

| worker step | batch ms | rebuild ms |
|---|---:|---:|
${stepRows.join('\n')}

Each model's time in that run (the Pipeline view; medians, ms):

| model | batch ms | rebuild ms |
|---|---:|---:|
${modelRows.join('\n')}

Target (issue 15): a batch ≤ 15 % of a full rebuild.
`;
await mkdir('bench/results', { recursive: true });
const path = 'bench/results/batches.md';
const earlier = existsSync(path) ? (await readFile(path, 'utf8')).replace(/^# .*\n+/, '') : '';
await writeFile(path, `# A batch on a lakehouse vs a full rebuild (issue #15)\n\n${md}\n${earlier}`);
console.log(md);
