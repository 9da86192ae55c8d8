/**
 * npx vite build && npx tsx bench/run.ts [--sf 1] [--rounds 3 (or --runs 3)] [--port 4399] [--start-timeout 90] [--engines native-read_csv,native,wasm-node,chromium-eh,chromium-coi]
 *
 * The whole pipeline (load the generated Olist CSVs into bronze, build every silver and gold
 * model, run every expectation and check) on each engine, interleaved: round 1 runs every
 * engine once, in turn, then round 2, … so that the machine's load hits them alike. The
 * baseline is the best native path: native DuckDB's read_csv of the files on disk into the
 * same bronze tables, then the same models and checks. Each run's load average is read from
 * /proc/loadavg. Everything goes to bench/results/pipeline-sf<sf>.md, failed runs included
 * (a Chromium build whose engine did not start is reported, not dropped).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import type { Engine } from '../src/engine/interface';
import { memoryUse } from '../src/engine/memoryUse';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { sizeOf, wholeBytesOf, type InputFile } from '../src/ingest/inputFile';
import { loadFiles } from '../src/ingest/loadFiles';
import { readModels } from '../src/cli/readModels';
import { parseModel, type Model } from '../src/pipeline/model';
import { runPipeline } from '../src/pipeline/runner';
import { bronzeTableOf, loadBronzeWithReadCsv } from './bestNativePath';
import { launchChromium, startServer } from './chromium';
import { runInChromium, StartFailed } from './chromiumPipeline';
import { loadAverage, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { formatPipelineReport, type PipelineTimes, type RunRecord } from './pipelineReport';

const ENGINES = {
  'native-read_csv': 'the best native path, the baseline: native DuckDB (@duckdb/node-api) `read_csv` of each CSV where it is on disk into bronze (same columns as ours), then the same models and checks',
  native: 'our loader (loadFiles, the CLI path) on native DuckDB, reading the files in place, then the same models and checks',
  'wasm-node': 'our loader on DuckDB-WASM in Node (one thread), then the same models and checks',
  'chromium-eh': 'the app in headless Chromium, EH build (one thread): files picked through the file input, times taken inside the worker',
  'chromium-coi': 'the same with the COI build (cross-origin isolated, threads)',
} as const;
type EngineName = keyof typeof ENGINES;

const { values } = parseArgs({
  // Not strict: `npm run bench` passes every script the same arguments.
  strict: false,
  options: {
    sf: { type: 'string', default: '1' },
    rounds: { type: 'string' },
    runs: { type: 'string' },
    port: { type: 'string', default: '4399' },
    engines: { type: 'string', default: Object.keys(ENGINES).join(',') },
    'start-timeout': { type: 'string', default: '90' },
  },
});
const sf = Number(values.sf);
const rounds = Number(values.rounds ?? values.runs ?? 3);
const port = String(values.port);
const engines = String(values.engines).split(',') as EngineName[];
for (const e of engines) if (!(e in ENGINES)) throw new Error(`unknown engine ${e}; known: ${Object.keys(ENGINES).join(', ')}`);
const LOADED_AT = '2026-01-01 00:00:00';

/** Models, then expectations, on an engine whose bronze is loaded; `load` ms already spent. */
async function build(engine: Engine, models: Model[], load: number): Promise<PipelineTimes> {
  const t0 = performance.now();
  const run = await runPipeline(engine, models);
  const buildMs = performance.now() - t0;
  const { heldBytes } = await memoryUse(engine);
  if (!run.ok) throw new Error(`the pipeline did not succeed: ${JSON.stringify(run.expectations.filter((e) => e.status !== 'pass' && e.severity === 'error'))}`);
  return { load, build: buildMs, whole: load + buildMs, heldBytes, models: Object.fromEntries(run.models.map((m) => [m.name, m.milliseconds])) };
}

async function main() {
  // Before anything else: the commit the figures belong to (and whether the tree differed).
  const { cores, commit } = machineAndCommit();
  const { dir, files } = await writeOlist(sf);
  const models = (await readModels()).map(parseModel);
  const tables = bronzeTableOf(files, dir);
  // As the CLI reads them: each file's bytes plus where it is on disk.
  const onDisk: InputFile[] = files.map((f) => ({ ...f, diskPath: join(dir, f.path) }));

  const once: Record<EngineName, () => Promise<PipelineTimes>> = {
    'native-read_csv': async () => {
      const engine = await NativeEngine.open();
      try {
        return await build(engine, models, await loadBronzeWithReadCsv(engine, dir, tables, LOADED_AT));
      } finally {
        await engine.close();
      }
    },
    native: () => withLoader(() => NativeEngine.open(), onDisk),
    // Copies: DuckDB-WASM may take ownership of the buffers it is given.
    'wasm-node': async () => withLoader(createNodeWasmEngine, await Promise.all(files.map(async (f) => ({ path: f.path, bytes: (await wholeBytesOf(f)).slice() })))),
    'chromium-eh': () => chromium('eh'),
    'chromium-coi': () => chromium('coi'),
  };
  async function withLoader(open: () => Promise<Engine>, inputs: InputFile[]): Promise<PipelineTimes> {
    const engine = await open();
    try {
      const report = await loadFiles(engine, inputs, { loadedAt: new Date(`${LOADED_AT}Z`) });
      if (report.errors.length) throw new Error(JSON.stringify(report.errors));
      return await build(engine, models, report.milliseconds);
    } finally {
      await engine.close();
    }
  }

  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  async function chromium(bundle: 'eh' | 'coi'): Promise<PipelineTimes> {
    server ??= await startServer(port);
    browser ??= await launchChromium();
    const r = await runInChromium(browser, port, bundle, files.map((f) => join(dir, f.path)), Number(values['start-timeout']) * 1000);
    return { ...r, build: r.pipeline, whole: r.load + r.pipeline };
  }

  const loadBefore = loadAverage();
  const runs: RunRecord[] = [];
  let chromiumVersion: string | undefined;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const engine of engines) {
        const record: RunRecord = { round, engine, loadBefore: loadAverage() };
        try {
          record.times = await once[engine]();
        } catch (error) {
          // Reported in the results, not dropped: a build that does not start is a finding.
          record.failed = error instanceof StartFailed ? `engine did not start: ${error.message}` : (error as Error).message.split('\n')[0]!;
        }
        runs.push(record);
        const t = record.times;
        console.log(`round ${round} ${engine} (load avg ${record.loadBefore.one}): ${t ? `load ${Math.round(t.load)} ms, build ${Math.round(t.build)} ms, whole ${Math.round(t.whole)} ms` : `FAILED ${record.failed}`}`);
      }
    }
    chromiumVersion = browser?.version();
  } finally {
    await browser?.close();
    server?.kill();
  }
  const report = formatPipelineReport(
    {
      sf,
      megabytes: files.reduce((n, f) => n + sizeOf(f), 0) / 1024 ** 2,
      rounds,
      engines: engines.map((name) => ({ name, what: ENGINES[name] })),
      date: new Date().toISOString(),
      commit,
      cores,
      chromium: chromiumVersion,
      loadBefore,
      loadAfter: loadAverage(),
      baseline: 'native-read_csv',
      ownNative: 'native',
      target: { engine: 'chromium-eh', ratio: 1.3 },
    },
    runs,
  );
  console.log(`\n${report}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/pipeline-sf${sf}.md`, report);
  // Every run's figures, per model too, for whoever wants to read them another way.
  await writeFile(`bench/results/pipeline-sf${sf}.json`, `${JSON.stringify({ sf, rounds, commit, runs }, null, 1)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
