/**
 * npx tsx bench/versionCommit.ts [-- --sf 1 --runs 3 --changed 1000]
 *
 * The cost of committing a lakehouse version (src/lakehouse/versions) at scale `sf`, in
 * Node on native DuckDB (a database file) and DuckDB-WASM (memory), interleaved per run:
 * the first commit (every table new: its history is a copy), a commit after a full
 * pipeline run that changed nothing (fingerprints only), and a commit after a batch of
 * `changed` orders with a new status plus as many new orders (load + full run). Each is set
 * against the load and the pipeline run it follows. Also: the database file with and
 * without the history, and a vacuum. Writes bench/results/version-commit.md.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { loadFiles } from '../src/ingest/loadFiles';
import { changedOrdersFile } from '../src/lakehouse/versions/testing/changedOrders';
import { commitVersion } from '../src/lakehouse/versions/commitVersion';
import { databaseSize, vacuumVersions } from '../src/lakehouse/versions/vacuumVersions';
import { parseModel } from '../src/pipeline/model';
import { readModels } from '../src/cli/readModels';
import { runPipeline } from '../src/pipeline/runner';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { median } from './stats';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, changed: { type: 'string', default: '1000' } } });
const sf = Number(values.sf);
const runs = Number(values.runs);
const changed = Number(values.changed);
const models = (await readModels()).map(parseModel);
const keys = new Map(models.map((m) => [m.id, m.key]));

type Step = 'load' | 'run' | 'first commit' | 'rerun' | 'commit, nothing changed' | 'batch load + run' | 'commit after the batch' | 'vacuum (keep 1 batch)';
const times: Record<string, Record<string, number[]>> = { native: {}, wasm: {} };
const notes: string[] = [];

async function once(kind: 'native' | 'wasm', files: Awaited<ReturnType<typeof writeOlist>>['files']): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'version-bench-'));
  const engine: Engine = kind === 'native' ? await NativeEngine.open(join(dir, 'lakehouse.duckdb')) : await createNodeWasmEngine();
  const lap = async <T>(step: Step, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await work();
    ((times[kind]![step] ??= []) as number[]).push(performance.now() - t0);
    return r;
  };
  try {
    await lap('load', () => loadFiles(engine, files));
    await lap('run', () => runPipeline(engine, models));
    await engine.exec('CHECKPOINT');
    const without = await databaseSize(engine);
    const first = await lap('first commit', () => commitVersion(engine, { kind: 'batch', keys }));
    await engine.exec('CHECKPOINT');
    const withHistory = await databaseSize(engine);
    await lap('rerun', () => runPipeline(engine, models));
    const same = await lap('commit, nothing changed', () => commitVersion(engine, { kind: 'rerun', keys }));
    const update = changedOrdersFile(files, changed);
    await lap('batch load + run', async () => (await loadFiles(engine, [update]), await runPipeline(engine, models)));
    const batch = await lap('commit after the batch', () => commitVersion(engine, { kind: 'batch', keys }));
    const vacuum = await lap('vacuum (keep 1 batch)', () => vacuumVersions(engine, 1));
    if (times[kind]!['load']!.length === 1) {
      const rows = first.tables.reduce((n, t) => n + t.rows, 0);
      notes.push(`${kind}: version 1 has ${first.tables.length} tables, ${rows.toLocaleString('en-US')} rows; the unchanged re-run committed ${same.tables.length} tables; the batch changed ${batch.tables.map((t) => `${t.layer}.${t.name} +${t.added} ~${t.updated} -${t.deleted}`).join(', ')}`);
      if (kind === 'native') {
        notes.push(`native database file after CHECKPOINT: ${(without.fileBytes / 2 ** 20).toFixed(1)} MiB without history (${(without.usedBytes / 2 ** 20).toFixed(1)} MiB in use), ${(withHistory.fileBytes / 2 ** 20).toFixed(1)} MiB with version 1's history (${(withHistory.usedBytes / 2 ** 20).toFixed(1)} MiB in use)`);
        notes.push(`native vacuum keeping 1 batch: ${vacuum.rowsRemoved.toLocaleString('en-US')} row versions removed (~${(vacuum.estimatedBytesFreed / 2 ** 20).toFixed(1)} MiB of data as text); file ${(vacuum.before.fileBytes / 2 ** 20).toFixed(1)} → ${(vacuum.after.fileBytes / 2 ** 20).toFixed(1)} MiB, in use ${(vacuum.before.usedBytes / 2 ** 20).toFixed(1)} → ${(vacuum.after.usedBytes / 2 ** 20).toFixed(1)} MiB after CHECKPOINT`);
      }
    }
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const before = loadAverage();
const { files } = await writeOlist(sf);
for (let i = 0; i < runs; i++) {
  for (const kind of i % 2 ? (['wasm', 'native'] as const) : (['native', 'wasm'] as const)) {
    console.log(`run ${i + 1}/${runs}: ${kind}`);
    await once(kind, files);
  }
}
const after = loadAverage();
const { cores, commit } = machineAndCommit();
const steps = Object.keys(times.native!) as Step[];
const lines = [
  `# Committing a version at sf=${sf}`,
  '',
  `Node, ${cores} cores, commit ${commit}, ${new Date().toISOString()}. Load average (1/5/15 min) ${formatLoad(before)} before, ${formatLoad(after)} after: ${loadVerdict(before, after, cores)} The ratios within one engine and run are what to read.`,
  `Medians of ${runs} interleaved runs (native on a database file, DuckDB-WASM in memory), milliseconds; "vs run" is the step's median over the median full pipeline run (silver + gold) of the same engine.`,
  '',
  '| step | native ms | vs run | wasm ms | vs run |',
  '|---|---:|---:|---:|---:|',
  ...steps.map((s) => {
    const n = median(times.native![s]!);
    const w = median(times.wasm![s]!);
    return `| ${s} | ${Math.round(n)} | ${(n / median(times.native!.run!)).toFixed(2)}× | ${Math.round(w)} | ${(w / median(times.wasm!.run!)).toFixed(2)}× |`;
  }),
  '',
  ...notes.map((n) => `- ${n}`),
  '',
];
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/version-commit.md', lines.join('\n'));
console.log(lines.join('\n'));
