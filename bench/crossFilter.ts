/**
 * npx vite build && npx tsx bench/crossFilter.ts [--sf 1 --selections 40 --runs 5 --bundle auto --port 4332 --busy --demo --dir DIST --label NAME]
 *
 * The dashboard in headless Chromium (the built app, served as `npm start` serves it):
 * - demo: "Try the demo" click to the first chart drawn, and to all charts drawn (the
 *   demo's own scale), `runs` times;
 * - load: the sf CSVs picked through the file input to the first chart drawn, once;
 * - cross-filter at sf: a click on a state, a category or a month bar in turn (each on a
 *   bar drawn under the filters so far, so filters combine) to every chart re-drawn with
 *   the new filter's rows (and the next animation frame), `selections` clicks. Timed
 *   inside the page, from the click event, so Playwright's own overhead is out. The
 *   worker's query time (the status line) and the index build cost are reported beside it.
 * - `--busy`: a CPU-bound busy loop (one Node process, one core) runs beside the browser
 *   for the whole measurement, as another program on the user's machine would.
 * - `--save-pause MS` (default 500): during the background work after a run (the version
 *   commit, the run record, the save), the pause between two clicks, as a user looks at the
 *   charts before the next click. Background work pauses while a click is answered and
 *   drawn and resumes 300 ms after (writes/interactiveFirst.ts): with a pause longer than
 *   that, every click lands on background work that is running, the case to measure.
 *   Up to `--save-clicks` (default 20) clicks are timed then. `--save-timeout S` (default
 *   600): a save that has not finished by then is reported as unfinished, and the clicks
 *   after it are timed anyway (sf=10, whose save does not finish in a tab yet).
 * The demo timing ("Try the demo") runs only with `--demo`. `--dir` serves another build
 * (e.g. the commit before a change, built with `vite build --outDir`) and `--label` names its
 * results file, so that two builds can be measured back to back on the same loaded machine.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import type { DashboardBuild } from '../src/lakehouse/dashboard/dashboardTables';
import { launchChromium, startServer } from './chromium';
import { formatLoad, loadAverage, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';

const { values } = parseArgs({
  strict: false,
  options: {
    sf: { type: 'string', default: '1' },
    selections: { type: 'string', default: '40' },
    runs: { type: 'string', default: '5' },
    bundle: { type: 'string', default: 'auto' },
    port: { type: 'string', default: '4332' },
    busy: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    dir: { type: 'string' },
    label: { type: 'string' },
    'save-pause': { type: 'string', default: '500' },
    'save-clicks': { type: 'string', default: '20' },
    'save-timeout': { type: 'string', default: '600' },
  },
});
const sf = Number(values.sf);
const selections = Number(values.selections);
const runs = Number(values.runs);
const savePause = Number(values['save-pause']);
const saveClicks = Number(values['save-clicks']);
const saveTimeoutMs = Number(values['save-timeout']) * 1000;
const CHARTS = CHART_IDS.length;
const base = `http://127.0.0.1:${values.port}/?bundle=${values.bundle}&view=dashboard`;

/**
 * In the page: a promise of the milliseconds from the next click (or from now, when
 * `fromNow`) until `count` charts show the rows of filter `key` (any key when null), plus
 * one animation frame so the SVG has been painted.
 */
function armTimer(page: Page, key: string | null, count: number, fromNow = false): Promise<void> {
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  return page.evaluate(`
    window.benchTimer = new Promise((resolve) => {
      let t0 = ${fromNow} ? performance.now() : NaN;
      if (!${fromNow}) addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
      const selector = ${JSON.stringify(key === null ? '.vega-chart[data-rendered-key]' : `.vega-chart[data-rendered-key="${key}"]`)};
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll(selector).length < ${count} || Number.isNaN(t0)) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const data = performance.getEntriesByName('dashboard-data').at(-1);
          window.benchData = data && data.startTime > t0 ? data.startTime - t0 : NaN;
          resolve(performance.now() - t0);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered-key'] });
    });
    // The script's value, which evaluate() would otherwise await: not the timer's promise.
    undefined;
  `);
}

const elapsed = (page: Page): Promise<number> => page.evaluate('window.benchTimer');

/**
 * In the page: a promise of the milliseconds from the next click until the dashboard's
 * filter key has changed and all `count` charts show the rows of the new key, plus one
 * animation frame.
 */
function armClickTimer(page: Page, count: number): Promise<void> {
  return page.evaluate(`
    window.benchTimer = new Promise((resolve) => {
      const dashboard = document.querySelector('[data-testid=dashboard]');
      const before = dashboard.dataset.filterKey;
      let t0 = NaN;
      addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const key = dashboard.dataset.filterKey;
        if (Number.isNaN(t0) || key === before) return;
        if (document.querySelectorAll('.vega-chart[data-rendered-key="' + CSS.escape(key) + '"]').length < ${count}) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const data = performance.getEntriesByName('dashboard-data').at(-1);
          window.benchData = data && data.startTime > t0 ? data.startTime - t0 : NaN;
          resolve(performance.now() - t0);
        });
      });
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-rendered-key', 'data-filter-key'] });
    });
    undefined;
  `);
}

/** The chart each click kind is made on, in turn. */
const CLICK_CHARTS = ['revenueByState', 'revenueByCategory', 'revenueMonthly'] as const;

/**
 * Click number i: a bar of the state, category or month chart in turn, the bars as drawn
 * now (the "Other" category bar is no filter), a different one each time.
 */
async function clickBar(page: Page, i: number): Promise<string> {
  const chart = page.getByTestId(`chart-${CLICK_CHARTS[i % CLICK_CHARTS.length]}`);
  const labels = (await chart.locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))).filter((l) => !l.startsWith('Other ('));
  const label = labels[(i * 7 + Math.floor(i / 3)) % labels.length]!;
  await chart.locator(`svg path[aria-label="${label}"]`).click();
  return label.split(':')[0]!;
}

async function openApp(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(base);
  await page.getByTestId('engine-badge').waitFor({ timeout: 60_000 });
  return page;
}

/** "Try the demo" to the first chart and to all charts drawn. */
async function timeDemo(browser: Browser): Promise<{ first: number[]; all: number[] }> {
  const first: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await openApp(browser);
    await armTimer(page, null, 1);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    first.push(await elapsed(page));
    console.log(`demo run ${i + 1}: first chart after ${Math.round(first.at(-1)!)} ms`);
    // All charts: measured from the same click, with a wall clock (the page timer is spent).
    await page.locator('.vega-chart[data-rendered-key=""]').nth(CHARTS - 1).waitFor({ timeout: 120_000 });
    all.push(Date.now() - t0);
    await page.context().close();
  }
  return { first, all };
}

/** Picks the sf files, then clicks one state bar after another. */
interface CrossFilterTimes {
  load: number;
  clicks: number[];
  queries: number[];
  /** How many of the charts each click re-queried (the others' rows still held). */
  requeried: number[];
  arrivals: number[];
  /** Clicks made while the lakehouse was being saved after the run. */
  duringSave: number[];
  /** From the first chart drawn to "Saved" shown: the background work after the run. */
  saveMs: number;
  /** state, category or month, per click. */
  kinds: string[];
  /** What building the dashboard's tables and indexes cost in the page's worker. */
  build?: DashboardBuild;
}

async function timeCrossFilter(browser: Browser, dir: string, names: string[]): Promise<CrossFilterTimes> {
  const page = await openApp(browser);
  await armTimer(page, '', CHARTS, true);
  await page.getByTestId('file-input').setInputFiles(names.map((n) => join(dir, n)));
  const load = await elapsed(page);
  const states = await page
    .getByTestId('chart-revenueByState')
    .locator('svg path[aria-label]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.split(':')[0]!));
  console.log(`sf=${sf}: ${states.length} states; first chart after ${Math.round(load)} ms`);
  // After the first chart the worker commits the run's version, records the run and saves
  // the lakehouse (a CHECKPOINT of the OPFS database): clicks made meanwhile, savePause
  // apart, are timed on their own, the rest once it is saved.
  const saving = performance.now();
  const saved = page.getByTestId('saved-notice').filter({ hasText: /^Saved/ });
  const duringSave: number[] = [];
  for (let i = 0; duringSave.length < saveClicks && !(await saved.isVisible()); i++) {
    if (i > 0) await page.waitForTimeout(savePause);
    await armClickTimer(page, CHARTS);
    await clickBar(page, i);
    const ms = await elapsed(page);
    // Only clicks that began and ended before the save did.
    if (!(await saved.isVisible())) duringSave.push(ms);
  }
  const saveFinished = await saved.waitFor({ timeout: Math.max(1, saveTimeoutMs - (performance.now() - saving)) }).then(
    () => true,
    () => false,
  );
  const saveMs = saveFinished ? performance.now() - saving : NaN;
  if (!saveFinished) console.log(`sf=${sf}: the save had not finished ${saveTimeoutMs / 1000} s after the first chart; the clicks below ran beside it`);
  console.log(`sf=${sf}: saved to browser storage ${Math.round(saveMs)} ms after the first chart; ${duringSave.length} clicks during the save`);
  const clicks: number[] = [];
  const queries: number[] = [];
  const requeried: number[] = [];
  const arrivals: number[] = [];
  const kinds: string[] = [];
  for (let i = 0; i < selections; i++) {
    await armClickTimer(page, CHARTS);
    await clickBar(page, i);
    kinds.push(['state', 'category', 'month'][i % 3]!);
    clicks.push(await elapsed(page));
    arrivals.push(await page.evaluate<number>('window.benchData'));
    const status = (await page.locator('.dashboard-status').textContent()) ?? '';
    queries.push(Number(/queried in (\d+) ms/.exec(status)?.[1] ?? NaN));
    requeried.push(Number(/(\d+) of \d+ charts queried/.exec(status)?.[1] ?? NaN));
  }
  const build = (await page.evaluate("performance.getEntriesByName('dashboard-build').at(-1)?.detail")) as DashboardBuild | undefined;
  await page.context().close();
  return { load, clicks, kinds, queries, requeried, arrivals, duringSave, saveMs, build };
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.ceil(pos)]! - s[lo]!) * (pos - lo);
}

const row = (name: string, v: number[]) =>
  v.length === 0
    ? `| ${name} | 0 | – | – | – | – |`
    : `| ${name} | ${v.length} | ${Math.round(quantile(v, 0.5))} | ${Math.round(quantile(v, 0.95))} | ${Math.round(Math.min(...v))} | ${Math.round(Math.max(...v))} |`;

/** A CPU-bound busy loop on one core, as another program on the user's machine. */
function startBusyLoop() {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function buildTable(build: DashboardBuild | undefined): string {
  if (!build) return 'The index build cost was not reported.';
  const lines = ['| built once per pipeline run | ms | rows |', '|---|---:|---:|', `| row-level dashboard tables | ${Math.round(build.tablesMilliseconds)} | |`];
  for (const index of build.indexes) lines.push(`| ${index.table} | ${Math.round(index.milliseconds)} | ${index.rows} |`);
  const rows = build.indexes.reduce((n, i) => n + i.rows, 0);
  lines.push(`| all indexes | ${Math.round(build.indexes.reduce((n, i) => n + i.milliseconds, 0))} | ${rows} |`);
  // Every chart's rows per filter combination, kept in the worker's memory (chartAnswers.ts).
  for (const answer of build.answers ?? []) lines.push(`| ${answer.table} (kept in memory) | ${Math.round(answer.milliseconds)} | ${answer.rows} |`);
  if (build.answers) lines.push(`| all kept rows | ${Math.round(build.answers.reduce((n, i) => n + i.milliseconds, 0))} | ${build.answers.reduce((n, i) => n + i.rows, 0)} |`);
  lines.push(`| total (tables + indexes${build.answers ? ' + kept rows' : ''}) | ${Math.round(build.milliseconds)} | |`);
  return lines.join('\n');
}

async function main() {
  const { dir, files } = await writeOlist(sf);
  const busy = values.busy ? startBusyLoop() : undefined;
  // The machine is shared: the load while measuring says how much the numbers can be trusted.
  const loadBefore = loadAverage();
  const { cores, commit } = machineAndCommit();
  const server = await startServer(String(values.port), values.dir as string | undefined);
  const browser = await launchChromium();
  try {
    // Cross-filtering first, in a fresh browser, so earlier pages' clean-up does not run during it.
    const cross = await timeCrossFilter(
      browser,
      dir,
      files.map((f) => f.path),
    );
    const loadAfter = loadAverage();
    const demo = values.demo ? await timeDemo(browser) : undefined;
    const counts = [...new Set(cross.requeried)].sort((a, b) => a - b);
    const requery = `Clicks alternate state, category and month bars (filters combine). Each click re-queries ${counts.join(' or ')} of the ${CHARTS} charts (the charts drawn along the clicked dimension keep their rows and only move the highlight); charts whose rows come back unchanged are not re-drawn.`;
    const of = (kind: string) => cross.clicks.filter((_, i) => cross.kinds[i] === kind);
    const table = [
      '| measure | n | p50 ms | p95 ms | min | max |',
      '|---|---:|---:|---:|---:|---:|',
      row(`cross-filter click → all ${CHARTS} charts drawn (sf=${sf})`, cross.clicks),
      row(`  state clicks`, of('state')),
      row(`  category clicks`, of('category')),
      row(`  month clicks`, of('month')),
      row(`  click → rows arrived in the page (sf=${sf})`, cross.arrivals),
      row(`  worker time of those queries (sf=${sf})`, cross.queries),
      row(`  rows arrived → all charts drawn (sf=${sf})`, cross.clicks.map((c, i) => c - cross.arrivals[i]!)),
      row(`cross-filter click during the save after the run, ${savePause} ms apart (sf=${sf})`, cross.duringSave),
      ...(demo ? [row('"Try the demo" → first chart drawn', demo.first), row(`"Try the demo" → all ${CHARTS} charts drawn`, demo.all)] : []),
      row(`sf=${sf} files picked → all charts drawn`, [cross.load]),
      Number.isNaN(cross.saveMs)
        ? `| first chart → "Saved" shown (sf=${sf}) | 0 | not within ${saveTimeoutMs / 1000} s: the clicks above and below ran beside the unfinished save | | | |`
        : row(`first chart → "Saved" shown, with those clicks (sf=${sf})`, [cross.saveMs]),
    ].join('\n');
    const beside = busy ? 'With a CPU-bound busy loop (one Node process spinning on one core) running beside the browser throughout.' : 'No busy loop of our own beside the browser (the other agents\' work still loads the machine).';
    const load = `Load average (1 / 5 / 15 min, /proc/loadavg): ${formatLoad(loadBefore)} before, ${formatLoad(loadAfter)} after the clicks, on ${cores} cores. Commit ${commit}${values.dir ? ` (the bench's; the app served was built elsewhere: ${values.dir})` : ''}.`;
    const build = buildTable(cross.build);
    console.log(`\n${table}\n${requery}\n${beside}\n${load}\n\n${build}`);
    console.log(`cross-filter runs (ms): ${cross.clicks.map(Math.round).join(', ')}`);
    await mkdir('bench/results', { recursive: true });
    await writeFile(
      `bench/results/crossfilter-sf${sf}-${busy ? 'busy' : 'idle'}${values.label ? `-${values.label}` : ''}.md`,
      `# Dashboard cross-filter latency (sf=${sf}, ${busy ? 'busy loop beside' : 'no busy loop'}, bundle ${values.bundle}${values.label ? `, ${values.label}` : ''}, ${new Date().toISOString()})\n\n${requery}\n\n${beside}\n\n${table}\n\n${load}\n\nIndex build (in the page's worker, DuckDB-WASM):\n\n${build}\n\nCross-filter runs (ms): ${cross.clicks.map((c, i) => `${cross.kinds[i]} ${Math.round(c)}`).join(', ')}\n\nClicks during the save (ms): ${cross.duringSave.map(Math.round).join(', ')}\n`,
    );
  } finally {
    await browser.close();
    server.kill();
    busy?.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
