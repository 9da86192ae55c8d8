/**
 * npx vite build && npx tsx bench/firstChart.ts [-- --runs 5 --port 4333]
 *
 * "Try the demo" to the first chart drawn, in headless Chromium (the built app served as
 * `npm start` serves it, a fresh browser context per run, so no saved lakehouse). Each run
 * also splits the time where the page shows it, from the click: the load summary appears
 * (demo generated and loaded into bronze), the run summary appears (silver and gold built,
 * table list fetched), the first chart is drawn; and the worker's own numbers: the load's
 * and the pipeline's milliseconds (data-ms). Writes bench/results/first-chart.md with the
 * medians and the machine's load average (the machine is shared: it is part of the result),
 * and the worker's split by step (src/lakehouse/timings).
 *
 * `--baseline DIR` (another build, e.g. of the commit before a change) runs it interleaved
 * with dist/, run for run, each on its own port, so that both meet the same machine load.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { launchChromium, startServer } from './chromium';
import { median } from './stats';

const { values } = parseArgs({ strict: false, options: { runs: { type: 'string', default: '5' }, port: { type: 'string', default: '4333' }, params: { type: 'string', default: '' }, baseline: { type: 'string' } } });
const runs = Number(values.runs);
// `--params storage=memory` (the page's query string) compares the app without its OPFS database file.
const query = values.params ? `?${values.params}` : '';

interface Build {
  label: string;
  dir?: string;
  port: string;
  results: Run[];
}
const builds: Build[] = [{ label: 'dist', port: String(values.port), results: [] }];
if (typeof values.baseline === 'string') builds.push({ label: `baseline (${values.baseline})`, dir: values.baseline, port: String(Number(values.port) + 1), results: [] });

interface Run {
  loaded: number;
  built: number;
  firstChart: number;
  loadMs: number;
  pipelineMs: number;
  /** The worker's steps (src/lakehouse/timings): summed milliseconds per step, and when each first started. */
  steps: Record<string, { at: number; ms: number }>;
}

interface StepTime {
  step: string;
  at: number;
  ms: number;
}

/** In the page: the times from the next click until each of the marks appears. */
const ARM = `
  window.benchMarks = new Promise((resolve) => {
    let t0 = NaN;
    const seen = {};
    addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
    const marks = { loaded: '[data-testid="load-summary"]', built: '[data-testid="pipeline-summary"]', firstChart: '.vega-chart[data-rendered-key]' };
    // The run's summary may come after the first chart (a run in order of need): all marks are awaited.
    let drawn = NaN;
    let scheduled = false;
    const observer = new MutationObserver(() => {
      if (Number.isNaN(t0)) return;
      for (const [name, selector] of Object.entries(marks)) if (seen[name] === undefined && document.querySelector(selector)) seen[name] = performance.now() - t0;
      if (seen.firstChart !== undefined && !scheduled) (scheduled = true), requestAnimationFrame(() => { drawn = performance.now() - t0; done(); });
      done();
    });
    const done = () => {
      if (Number.isNaN(drawn) || Object.keys(marks).some((name) => seen[name] === undefined)) return;
      observer.disconnect();
      resolve({ ...seen, firstChart: drawn });
    };
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered-key'] });
  });
  undefined;
`;

async function timeRun(browser: Browser, base: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(base);
    await page.getByTestId('engine-badge').waitFor({ timeout: 60_000 });
    await page.evaluate(ARM);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    const marks = await page.evaluate<{ loaded: number; built: number; firstChart: number }>('window.benchMarks');
    const loadMs = Number(await page.getByTestId('load-summary').getAttribute('data-ms'));
    const pipelineMs = Number(await page.getByTestId('pipeline-summary').getAttribute('data-ms'));
    // The steps after the chart too: the run's version commit and record may finish after it (lakehouse/firstChart/runOrder.ts).
    const worker = page.workers().find((w) => w.url().includes('lakehouse'));
    const read = async () => ((await worker?.evaluate('self.lakehouseStepTimes?.()')) ?? []) as StepTime[];
    let list = await read();
    for (const until = Date.now() + 120_000; worker && !list.some((s) => s.step === 'run: history') && Date.now() < until; list = await read()) await page.waitForTimeout(200);
    const steps: Run['steps'] = {};
    for (const s of list) {
      const seen = steps[s.step];
      steps[s.step] = seen ? { at: seen.at, ms: seen.ms + s.ms } : { at: s.at, ms: s.ms };
    }
    return { ...marks, loadMs, pipelineMs, steps };
  } finally {
    await context.close();
  }
}

const servers = await Promise.all(builds.map((b) => startServer(b.port, b.dir)));
const browser = await launchChromium();
const loads: string[] = [];
try {
  for (let i = 0; i < runs; i++) {
    // Alternate which build goes first, so neither always meets the warmer (or busier) moment.
    for (const b of i % 2 ? [...builds].reverse() : builds) {
      loads.push((await readFile('/proc/loadavg', 'utf8').catch(() => loadavg().map((n) => n.toFixed(2)).join(' '))).split(' ').slice(0, 3).join(' '));
      const r = await timeRun(browser, `http://127.0.0.1:${b.port}/${query}`);
      b.results.push(r);
      console.log(Object.entries(r.steps).map(([k, v]) => `  ${k}: ${v.ms} ms (at ${v.at})`).join('\n'));
      console.log(`${b.label} run ${i + 1}: load summary ${Math.round(r.loaded)} ms, run summary ${Math.round(r.built)} ms, first chart ${Math.round(r.firstChart)} ms (worker: load ${r.loadMs} ms, pipeline ${r.pipelineMs} ms) — load average ${loads.at(-1)}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

const table = (b: Build) => {
  const m = (k: Exclude<keyof Run, 'steps'>) => Math.round(median(b.results.map((r) => r[k])));
  const stepNames = [...new Set(b.results.flatMap((r) => Object.keys(r.steps)))];
  const stepMedian = (name: string, k: 'at' | 'ms') => Math.round(median(b.results.map((r) => r.steps[name]?.[k] ?? 0)));
  return [
    `## ${b.label}`,
    '',
    '| from the click to | median ms |',
    '|---|---|',
    `| load summary shown (demo generated, loaded into bronze) | ${m('loaded')} |`,
    `| run summary shown (every model and check; after the first chart when the run builds in order of need) | ${m('built')} |`,
    `| **first chart drawn** | **${m('firstChart')}** |`,
    `| worker: load (data-ms) | ${m('loadMs')} |`,
    `| worker: pipeline (data-ms) | ${m('pipelineMs')} |`,
    '',
    "The worker's steps (src/lakehouse/timings; `at`: when the step first started, ms after the demo's generation began; a step run more than once is summed; steps that start after the first chart is drawn are not on its path):",
    '',
    '| worker step | median at | median ms |',
    '|---|---|---|',
    ...stepNames.map((name) => `| ${name} | ${stepMedian(name, 'at')} | ${stepMedian(name, 'ms')} |`),
    '',
    `Runs (first chart, ms): ${b.results.map((r) => Math.round(r.firstChart)).join(', ')}.`,
    '',
  ];
};
const firstChart = (b: Build) => median(b.results.map((r) => r.firstChart));
const lines = [
  '# "Try the demo" to the first chart',
  '',
  `${new Date().toISOString()}, headless Chromium, ${cpus().length} cores, ${runs} runs per build (median), EH bundle (default), 1366×768, a fresh context per run${query ? `, page query \`${query}\`` : ''}${builds.length > 1 ? ', builds interleaved run for run' : ''}.`,
  `Load average (1, 5, 15 min) before each run: ${loads.join(' · ')}.`,
  '',
  ...(builds.length > 1 ? [`First chart, dist against the baseline: ${Math.round(firstChart(builds[0]!))} ms / ${Math.round(firstChart(builds[1]!))} ms = ${(firstChart(builds[0]!) / firstChart(builds[1]!)).toFixed(2)}.`, ''] : []),
  ...builds.flatMap(table),
];
await mkdir('bench/results', { recursive: true });
const out = process.env.FIRST_CHART_OUT ?? 'bench/results/first-chart.md';
await writeFile(out, lines.join('\n'));
console.log(lines.join('\n'));
