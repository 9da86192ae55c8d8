/**
 * npm run bench [-- --sf 1 --runs 5]
 *
 * Time to load the generated Olist CSVs at scale `sf` into bronze:
 * - native-read_csv: native DuckDB's CREATE TABLE AS read_csv(all_varchar) per file (the baseline);
 * - native: the same files through our loadFiles on native DuckDB;
 * - wasm-node: loadFiles on DuckDB-WASM in Node;
 * - chromium-coi / chromium-eh: the app in headless Chromium, files picked through the
 *   file input, timed inside the worker (the load, not the file transfer).
 * Medians of `runs`, each with its ratio to the baseline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { quoteLiteral } from '../src/engine/sql';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import type { InputFile } from '../src/ingest/inputFile';
import { loadFiles } from '../src/ingest/loadFiles';
import { readModels } from '../src/cli/readModels';
import { parseModel } from '../src/pipeline/model';
import { runPipeline } from '../src/pipeline/runner';
import { launchChromium, startServer } from './chromium';
import { writeOlist } from './olistData';
import { formatTable, type Measurement } from './stats';

const { values } = parseArgs({
  strict: false,
  options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' }, port: { type: 'string', default: '4399' }, bundles: { type: 'string', default: 'eh,coi' } },
});
const sf = Number(values.sf);
const runs = Number(values.runs);

/** Load into bronze, then build silver and gold with the shipped models, per run. */
async function timeLoadFiles(open: () => Promise<Engine>, files: InputFile[]): Promise<{ load: number[]; pipeline: number[] }> {
  const load: number[] = [];
  const pipeline: number[] = [];
  const models = (await readModels()).map(parseModel);
  for (let i = 0; i < runs; i++) {
    const engine = await open();
    // Copies, because the engine may take ownership of the buffers.
    const report = await loadFiles(engine, files.map((f) => ({ path: f.path, bytes: f.bytes.slice() })));
    if (report.errors.length) throw new Error(JSON.stringify(report.errors));
    load.push(report.milliseconds);
    const t0 = performance.now();
    const run = await runPipeline(engine, models);
    if (!run.ok) throw new Error('the pipeline did not succeed');
    pipeline.push(performance.now() - t0);
    await engine.close();
  }
  return { load, pipeline };
}

async function timeNativeReadCsv(dir: string, files: InputFile[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const engine = await NativeEngine.open();
    const t0 = performance.now();
    for (const [n, f] of files.entries()) {
      await engine.exec(`CREATE TABLE t${n} AS SELECT * FROM read_csv(${quoteLiteral(join(dir, f.path))}, all_varchar = true)`);
    }
    times.push(performance.now() - t0);
    await engine.close();
  }
  return times;
}

/** Engine start (page load to the engine badge) and bronze load times, per run. */
async function timeChromium(bundle: 'coi' | 'eh', dir: string, files: InputFile[]): Promise<{ start: number[]; load: number[]; pipeline: number[] }> {
  const port = values.port!;
  const server = await startServer(String(port));
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    const starts: number[] = [];
    const pipelines: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${port}/?bundle=${bundle}`);
      await page.getByTestId('engine-badge').waitFor({ timeout: 60_000 });
      starts.push(performance.now() - t0);
      await page.getByTestId('file-input').setInputFiles(files.map((f) => join(dir, f.path)));
      const summary = page.getByTestId('load-summary');
      await summary.waitFor({ timeout: 300_000 });
      const errors = await page.locator('.problems').count();
      if (errors) throw new Error(`chromium-${bundle}: ${await page.locator('.problems').textContent()}`);
      times.push(Number(await summary.getAttribute('data-ms')));
      const built = page.getByTestId('pipeline-summary');
      await built.waitFor({ timeout: 600_000 });
      pipelines.push(Number(await built.getAttribute('data-ms')));
      await context.close();
    }
    return { start: starts, load: times, pipeline: pipelines };
  } finally {
    await browser.close();
    server.kill();
  }
}

async function main() {
  const { dir, files } = await writeOlist(sf);
  const results: Measurement[] = [];
  const measure = async (name: string, f: () => Promise<number[]>) => {
    const r = { name, runs: await f() };
    console.log(`${name}: ${r.runs.map((t) => Math.round(t)).join(', ')} ms`);
    results.push(r);
  };
  await measure('native-read_csv', () => timeNativeReadCsv(dir, files));
  const pipelines: Measurement[] = [];
  // Issue #3's measure: load + all models, per run, the same run's load and build added.
  const wholes: Measurement[] = [];
  for (const [name, open] of [['native', () => NativeEngine.open()], ['wasm-node', createNodeWasmEngine]] as const) {
    const { load, pipeline } = await timeLoadFiles(open, files);
    console.log(`${name}: load ${load.map(Math.round).join(', ')} ms; pipeline ${pipeline.map(Math.round).join(', ')} ms`);
    results.push({ name, runs: load });
    pipelines.push({ name, runs: pipeline });
    wholes.push({ name, runs: load.map((l, i) => l + pipeline[i]!) });
  }
  const starts: Measurement[] = [];
  // --bundles eh skips the COI build, whose start hangs now and then (README).
  for (const bundle of String(values.bundles).split(',') as ('eh' | 'coi')[]) {
    let measured;
    try {
      measured = await timeChromium(bundle, dir, files);
    } catch (error) {
      console.log(`chromium-${bundle}: not measured: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const { start, load, pipeline } = measured;
    console.log(`chromium-${bundle}: start ${start.map(Math.round).join(', ')} ms; load ${load.map(Math.round).join(', ')} ms; pipeline ${pipeline.map(Math.round).join(', ')} ms`);
    results.push({ name: `chromium-${bundle}`, runs: load });
    starts.push({ name: `chromium-${bundle}`, runs: start });
    pipelines.push({ name: `chromium-${bundle}`, runs: pipeline });
    wholes.push({ name: `chromium-${bundle}`, runs: load.map((l, i) => l + pipeline[i]!) });
  }
  const table = formatTable(results, 'native-read_csv');
  const startTable = formatTable(starts, 'chromium-eh');
  const pipelineTable = formatTable(pipelines, 'native');
  const wholeTable = formatTable(wholes, 'native');
  console.log(`\nLoad sf=${sf} CSVs into bronze, median of ${runs}:\n${table}\n\nEngine start in Chromium (page load to ready), median of ${runs}:\n${startTable}\n\nBuild silver and gold (all models and expectations), median of ${runs}:\n${pipelineTable}\n\nWhole pipeline (load + build, per run), median of ${runs}:\n${wholeTable}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    `bench/results/load-sf${sf}.md`,
    `# Load sf=${sf} into bronze (median of ${runs}, ${new Date().toISOString()}, 2 cores)\n\n${table}\n\n## Engine start in Chromium (page load to ready)\n\n${startTable}\n\n## Build silver and gold (all models and expectations)\n\n${pipelineTable}\n\n## Whole pipeline: load + build, per run (issue #3's measure)\n\n${wholeTable}\n`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
