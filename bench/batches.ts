/**
 * npx tsx bench/batches.ts [-- --sf 1 --runs 3]
 *
 * Issue #15: a batch of 1 % new and 1 % changed orders (with their items, payments and
 * reviews) appended to an sf=1 lakehouse — load + silver merge + gold — against a full
 * rebuild from all the files, native DuckDB, interleaved. The lakehouse after batch 1 is
 * kept as a database file and copied for each batch run; the rebuild writes a new file, so
 * both pay the same storage. Writes bench/results/batches.md with medians and the load
 * average.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import type { InputFile } from '../src/ingest/inputFile';
import { Lakehouse } from '../src/lakehouse/lakehouse';
import { readModels } from '../src/cli/readModels';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { median } from './stats';
import { writeBatchFiles } from './support/batchFiles';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } } });
const sf = Number(values.sf);
const runs = Number(values.runs);
const models = await readModels();

interface Timing {
  total: number;
  load: number;
  silver: number;
  gold: number;
  /** The run's expectations and row accounting: its time less its models'. */
  checks: number;
  /** After the run: the version commit and the run's bookkeeping (Lakehouse.runPipeline less the run). */
  after: number;
  /**
   * CPU time of this process (DuckDB's threads included: @duckdb/node-api runs in it) over
   * the whole: less at the mercy of a shared machine's load than the wall time.
   */
  cpu: number;
  /** Each model's time and how it was brought up to date (whole, merged, unchanged). */
  models: { name: string; ms: number; how: string }[];
}

/** Loads each of `loads` as a batch into the lakehouse in the database file `path` and runs the pipeline once, timed. */
async function loadAndRun(path: string, ...loads: InputFile[][]): Promise<Timing> {
  const engine = await NativeEngine.open(path);
  try {
    const lakehouse = new Lakehouse(engine);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const files of loads) {
      const ingest = await lakehouse.load(files);
      if (ingest.errors.length) throw new Error(JSON.stringify(ingest.errors));
    }
    const t1 = performance.now();
    const run = await lakehouse.runPipeline(models);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const failed = run.models.filter((m) => m.status !== 'success');
    if (failed.length) throw new Error(failed.map((m) => `${m.name}: ${m.error}`).join('\n'));
    const layer = (l: string) => run.models.filter((m) => m.layer === l).reduce((n, m) => n + m.milliseconds, 0);
    const perModel = run.models.map((m) => ({ name: m.name, ms: m.milliseconds, how: m.incremental ?? 'whole' }));
    return { total: t2 - t0, load: t1 - t0, silver: layer('silver'), gold: layer('gold'), checks: run.milliseconds - layer('silver') - layer('gold'), after: t2 - t1 - run.milliseconds, cpu: (cpu.user + cpu.system) / 1000, models: perModel };
  } finally {
    await engine.close();
  }
}

const work = mkdtempSync(join(tmpdir(), 'batches-bench-'));
const before = loadAverage();
const rows: string[] = [];
const perModel: string[] = [];
let batchRows = 0;
let pairRatios: number[] = [];
try {
  const { files } = await writeOlist(sf);
  const basePath = join(work, 'base.duckdb');
  const built = await loadAndRun(basePath, files);
  console.log(`sf=${sf} lakehouse built in ${Math.round(built.total)} ms`);
  const batchDir = join(work, 'batch');
  mkdirSync(batchDir);
  const batch = await writeBatchFiles(basePath, batchDir);
  batchRows = batch.reduce((n, f) => n + new TextDecoder().decode(f.bytes).split('\n').length - 2, 0);
  const batchRuns: Timing[] = [];
  const rebuildRuns: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = join(work, `batch-${i}.duckdb`);
    copyFileSync(basePath, copy);
    batchRuns.push(await loadAndRun(copy, batch));
    rmSync(copy);
    const fresh = join(work, `rebuild-${i}.duckdb`);
    rebuildRuns.push(await loadAndRun(fresh, files, batch));
    rmSync(fresh);
    console.log(`run ${i + 1}: batch ${Math.round(batchRuns.at(-1)!.total)} ms, full rebuild ${Math.round(rebuildRuns.at(-1)!.total)} ms`);
  }
  const m = (xs: Timing[], k: Exclude<keyof Timing, 'models'>) => Math.round(median(xs.map((x) => x[k])));
  const base = median(rebuildRuns.map((r) => r.total));
  const cpuBase = median(rebuildRuns.map((r) => r.cpu));
  for (const [name, xs] of [['batch 2 on the sf=1 lakehouse', batchRuns], ['full rebuild (both batches loaded, one run)', rebuildRuns]] as const) {
    rows.push(`| ${name} | ${m(xs, 'total')} | ${m(xs, 'load')} | ${m(xs, 'silver')} | ${m(xs, 'gold')} | ${m(xs, 'checks')} | ${m(xs, 'after')} | ${(median(xs.map((x) => x.total)) / base * 100).toFixed(0)} % | ${m(xs, 'cpu')} | ${(median(xs.map((x) => x.cpu)) / cpuBase * 100).toFixed(0)} % |`);
  }
  // Each interleaved pair's own ratio: on a shared machine the load drifts between pairs more than within one.
  pairRatios = batchRuns.map((b, i) => Math.round((b.total / rebuildRuns[i]!.total) * 100));
  // Per model, medians over the batch runs.
  for (const { name, how } of batchRuns[0]!.models) {
    const ms = median(batchRuns.map((r) => r.models.find((x) => x.name === name)?.ms ?? 0));
    perModel.push(`| ${name} | ${how} | ${Math.round(ms)} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const after = loadAverage();
const { cores, commit } = machineAndCommit();
const md = `# A batch on a lakehouse vs a full rebuild (issue #15)

## ${new Date().toISOString().slice(0, 10)}, commit ${commit}

\`npx tsx bench/batches.ts -- --sf ${sf} --runs ${runs}\` · native DuckDB (@duckdb/node-api), database files in ${tmpdir()} · ${cores} cores · commit ${commit} ·
load average before ${formatLoad(before)}, after ${formatLoad(after)} (1 / 5 / 15 min): ${loadVerdict(before, after, cores)}

The batch: 1 % of the orders sent again under new ids and another 1 % sent again changed (canceled,
items 1.00 dearer, reviews scored 1), with their items, payments and reviews: ${batchRows} CSV records in 4 files.
**batch**: load those files into a copy of the sf=${sf} lakehouse (batch 1 loaded and run) and run the
pipeline (silver merges by key, gold). **full rebuild**: a new database, both batches loaded (each its own
batch) and the pipeline run once. Interleaved, medians of ${runs}; silver and gold are the models' own times.

| run | total ms | load ms | silver ms | gold ms | checks ms | commit ms | of a full rebuild | CPU ms | CPU of a full rebuild |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Each pair's own ratio (batch i / rebuild i, run one after the other): ${pairRatios.map((r) => `${r} %`).join(', ')}; median ${median(pairRatios)} %.

checks: the run's expectations and row accounting; commit: what Lakehouse.runPipeline does after the
run (the version commit of every changed table, the run's history). CPU: the process's user + system time over the
total (DuckDB's threads included), which a shared machine's load inflates less than the wall time; the target is
on the wall time.

The batch run per model (median ms; how the incremental run brought it up to date: \`unchanged\` left as
it was, \`merged\` typed only the batch's rows and merged them by key (silver) or selected again only the
keys the batch touched (gold declaring \`incremental:\`), \`whole\` built from all of its inputs):

| model | how | ms |
|---|---|---:|
${perModel.join('\n')}

Target (issue 15): a batch ≤ 15 % of a full rebuild.
`;
await mkdir('bench/results', { recursive: true });
// Earlier measurements stay below, newest first (the title is written once).
const path = 'bench/results/batches.md';
const earlier = existsSync(path) ? readFileSync(path, 'utf8').replace(/^# .*\n+/, '') : '';
await writeFile(path, earlier ? `${md}\n${earlier.startsWith('## ') ? earlier : `## Earlier\n\n${earlier}`}` : md);
console.log(md);
