/**
 * npx vite build && npx tsx bench/bundleStart.ts [-- --starts 200 --bundles coi,eh --port 4334 --deadline 60 --dir dist]
 *
 * Is starting DuckDB-WASM reliable? Opens the app `starts` times per bundle, interleaved
 * (eh, coi, eh, coi, …), each in a fresh browser context, and waits up to `deadline`
 * seconds for the engine badge. A start that does not finish by then is a hang: the bench
 * reads the lakehouse worker's `duckdb-start:*` marks (browserWasmEngine.ts) to name the
 * step it hangs in, and counts the workers alive (DuckDB's worker and the pthread pool).
 * Writes bench/results/bundle-start.md (or --out): hangs per bundle, the step of each, start-time
 * medians and p95, and the machine's load average before and after.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { launchChromium, startServer } from './chromium';
import { formatLoad, loadAverage, machineAndCommit } from './machineLoad';
import { median, quantile } from './stats';

const { values } = parseArgs({
  strict: false,
  options: {
    starts: { type: 'string', default: '200' },
    bundles: { type: 'string', default: 'eh,coi' },
    port: { type: 'string', default: '4334' },
    deadline: { type: 'string', default: '60' },
    dir: { type: 'string', default: 'dist' },
    out: { type: 'string', default: 'bench/results/bundle-start.md' },
  },
});
const starts = Number(values.starts);
const bundles = String(values.bundles).split(',');
const deadlineMs = Number(values.deadline) * 1000;
const base = `http://127.0.0.1:${values.port}/`;

interface Start {
  bundle: string;
  ms?: number;
  /** DuckDB's `threads` setting once started (the badge's data-threads). */
  threads?: number;
  /** For a hang: the step begun and not ended, and how many workers were alive. */
  stuckIn?: string;
  workers?: number;
  error?: string;
}

/** The steps begun and not ended (outer > inner), read from the worker that started DuckDB. */
async function stuckStep(page: Page): Promise<string> {
  for (const worker of page.workers()) {
    const marks = await worker
      .evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('duckdb-start:')))
      .catch(() => [] as string[]);
    if (!marks.length) continue;
    const begun = marks.filter((m) => m.endsWith(':begin')).map((m) => m.slice(13, -6));
    const ended = new Set(marks.filter((m) => m.endsWith(':end')).map((m) => m.slice(13, -4)));
    const open = begun.filter((b) => !ended.has(b));
    return open.length ? open.join(' > ') : `after every step (${begun.at(-1)})`;
  }
  return 'before the first step (no marks)';
}

async function oneStart(browser: Browser, bundle: string): Promise<Start> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${base}?bundle=${bundle}`);
    const badge = page.getByTestId('engine-badge');
    const failure = page.getByRole('alert');
    const outcome = await Promise.race([
      badge.waitFor({ timeout: deadlineMs }).then(() => 'started' as const),
      failure.waitFor({ timeout: deadlineMs }).then(() => 'failed' as const),
    ]).catch(() => 'hung' as const);
    if (outcome === 'started') {
      const shown = await badge.getAttribute('data-bundle');
      const ms = Date.now() - t0;
      if (shown !== bundle) return { bundle, error: `asked for ${bundle}, got ${shown}` };
      const threads = Number(await badge.getAttribute('data-threads'));
      // A COI start that settles for one thread has dodged the question, not answered it.
      if (bundle === 'coi' && !(threads >= 2)) return { bundle, threads, error: `started with ${threads} thread(s)` };
      return { bundle, ms, threads };
    }
    if (outcome === 'failed') {
      const message = String(await failure.first().textContent());
      // The app's own watchdog (45 s per step) gave up: that is a hang too, in the step it names.
      const timedOut = /timed out after \d+ s while (.*)$/.exec(message);
      return timedOut ? { bundle, stuckIn: timedOut[1], workers: page.workers().length } : { bundle, error: message };
    }
    return { bundle, stuckIn: await stuckStep(page), workers: page.workers().length };
  } finally {
    await context.close();
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const server = await startServer(String(values.port), String(values.dir));
  const browser = await launchChromium();
  const before = loadAverage();
  const { cores, commit } = machineAndCommit(); // now: later commits must not be credited with this run
  const results: Start[] = [];
  try {
    for (let i = 0; i < starts; i++) {
      for (const bundle of bundles) {
        const r = await oneStart(browser, bundle);
        results.push(r);
        if (r.stuckIn || r.error) console.log(`start ${i + 1} ${bundle}: ${r.stuckIn ? `hung in "${r.stuckIn}" (${r.workers} workers)` : r.error}`);
      }
      if ((i + 1) % 20 === 0) console.log(`${i + 1} of ${starts} rounds, load ${formatLoad(loadAverage())}`);
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const after = loadAverage();
  const lines = [
    '# DuckDB-WASM start reliability (bench/bundleStart.ts)',
    '',
    `Commit ${commit}, ${cores} cores, ${new Date().toISOString()}. Load average before ${formatLoad(before)}, after ${formatLoad(after)}.`,
    `${starts} starts per bundle, interleaved, each in a fresh browser context (headless Chromium), deadline ${deadlineMs / 1000} s.`,
    '',
    '| bundle | starts | hangs | errors | threads | median start | p95 start |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const bundle of bundles) {
    const mine = results.filter((r) => r.bundle === bundle);
    const times = mine.flatMap((r) => (r.ms === undefined ? [] : [r.ms]));
    const threads = [...new Set(mine.flatMap((r) => (r.threads === undefined ? [] : [r.threads])))].join(', ') || '–';
    lines.push(
      `| ${bundle} | ${mine.length} | ${mine.filter((r) => r.stuckIn).length} | ${mine.filter((r) => r.error).length} | ${threads} | ${times.length ? fmt(median(times)) : '–'} | ${times.length ? fmt(quantile(times, 0.95)) : '–'} |`,
    );
  }
  const hangs = results.filter((r) => r.stuckIn || r.error);
  if (hangs.length) {
    lines.push('', 'Each hang or error:', '');
    for (const h of hangs) lines.push(`- ${h.bundle}: ${h.stuckIn ? `hung in "${h.stuckIn}", ${h.workers} workers alive` : h.error}`);
  }
  await mkdir('bench/results', { recursive: true });
  await writeFile(String(values.out), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
}

await main();
