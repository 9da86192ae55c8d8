/**
 * npx tsx bench/pipelineProfile.ts [--sf 1] [--runs 5] [--native-threads-1] [--min] [--json FILE]
 *
 * Where the whole pipeline's time goes, per model and per expectation, in Node, measured in
 * the same run (engines interleaved per round, so machine noise hits them alike): the best
 * native path (`native-read_csv`: native DuckDB's read_csv of the files on disk, the
 * baseline), our loader on native DuckDB (`native`) and on DuckDB-WASM (`wasm`). Steps:
 * load into bronze, each model, the expectations, and the whole (load + models +
 * expectations). Medians of `runs`, with each median's ratio to the baseline, and the
 * load average (/proc/loadavg) before and after. bench/run.ts has the same per phase and
 * per model for Chromium too.
 * `--native-threads-1` adds native with `SET threads = 1` (the browser's EH bundle has one
 * thread); the target still compares against native's defaults. `--min` reports the
 * fastest run instead of the median: on a machine shared with other work, the least
 * disturbed run of each engine. `--json` also writes every run's times there.
 * Does not build the app or start Chromium (bench/run.ts does).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import type { InputFile } from '../src/ingest/inputFile';
import { loadFiles } from '../src/ingest/loadFiles';
import { readModels } from '../src/cli/readModels';
import { parseModel } from '../src/pipeline/model';
import { runPipeline } from '../src/pipeline/runner';
import { bronzeTableOf, loadBronzeWithReadCsv } from './bestNativePath';
import { formatLoad, loadAverage, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { median } from './stats';

const { values } = parseArgs({
  options: {
    sf: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    'native-threads-1': { type: 'boolean', default: false },
    min: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const sf = Number(values.sf);
const runs = Number(values.runs);
const statistic = values.min ? (xs: number[]) => Math.min(...xs) : median;

const BASELINE = 'native-read_csv';
const engines: Array<[name: string, open: () => Promise<Engine>]> = [
  [BASELINE, () => NativeEngine.open()],
  ['native', () => NativeEngine.open()],
  ['wasm', createNodeWasmEngine],
];
if (values['native-threads-1']) {
  engines.push(['native-1t', async () => {
    const e = await NativeEngine.open();
    await e.exec('SET threads = 1');
    return e;
  }]);
}

/** name of a step (load, a model, expectations, whole, or an expectation) -> engine -> times */
const times = new Map<string, Map<string, number[]>>();
const record = (step: string, engine: string, ms: number) => {
  const byEngine = times.get(step) ?? times.set(step, new Map()).get(step)!;
  (byEngine.get(engine) ?? byEngine.set(engine, []).get(engine)!).push(ms);
};

interface Data {
  dir: string;
  files: InputFile[];
  tables: Map<string, string>;
}

async function once(name: string, open: () => Promise<Engine>, data: Data): Promise<void> {
  const models = (await readModels()).map(parseModel);
  const engine = await open();
  try {
    const t0 = performance.now();
    if (name === BASELINE) record('load', name, await loadBronzeWithReadCsv(engine, data.dir, data.tables, '2026-01-01 00:00:00'));
    else {
      // Native reads the files in place, as the CLI does; WASM gets copies it may take over.
      const inputs = data.files.map((f) => (engine.kind === 'native' ? { ...f, diskPath: join(data.dir, f.path) } : { path: f.path, bytes: f.bytes.slice() }));
      const report = await loadFiles(engine, inputs);
      if (report.errors.length) throw new Error(JSON.stringify(report.errors));
      record('load', name, report.milliseconds);
    }
    const run = await runPipeline(engine, models);
    const whole = performance.now() - t0;
    if (!run.ok) throw new Error(`${name}: the pipeline did not succeed: ${JSON.stringify(run.expectations.filter((e) => e.status !== 'pass' && e.severity === 'error'))}`);
    for (const m of run.models) record(m.name, name, m.milliseconds);
    record('models', name, run.models.reduce((n, m) => n + m.milliseconds, 0));
    record('expectations', name, run.milliseconds - run.models.reduce((n, m) => n + m.milliseconds, 0));
    for (const e of run.expectations) record(`  ${e.model}: ${e.name}`, name, e.milliseconds ?? 0);
    record('pipeline', name, run.milliseconds);
    record('whole', name, whole);
  } finally {
    await engine.close();
  }
}

async function main() {
  const { dir, files } = await writeOlist(sf);
  const data = { dir, files, tables: bronzeTableOf(files) };
  const loadBefore = loadAverage();
  console.log(`sf=${sf}, ${runs} runs, engines: ${engines.map(([n]) => n).join(', ')}`);
  for (let i = 0; i < runs; i++) {
    for (const [name, open] of engines) await once(name, open, data);
    console.log(`run ${i + 1}: ${engines.map(([n]) => `${n} ${Math.round(times.get('whole')!.get(n)!.at(-1)!)} ms`).join(', ')}`);
  }
  const names = engines.map(([n]) => n);
  const others = names.filter((n) => n !== BASELINE);
  const header = `| step | ${names.map((n) => `${n} ms`).join(' | ')} | ${others.map((n) => `${n} / ${BASELINE}`).join(' | ')} |`;
  const lines = [header, `|---|${names.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`];
  for (const [step, byEngine] of times) {
    const med = names.map((n) => statistic(byEngine.get(n) ?? [0]));
    const base = med[0];
    // Expectations under 5 ms on both engines are noise: leave them out of the table.
    if (step.startsWith('  ') && Math.max(...med) < 5) continue;
    lines.push(`| ${step} | ${med.map((m) => Math.round(m)).join(' | ')} | ${med.slice(1).map((m) => (base ? `${(m / base).toFixed(2)}×` : '-')).join(' | ')} |`);
  }
  if (values.json) {
    const raw = Object.fromEntries([...times].map(([step, byEngine]) => [step.trim(), Object.fromEntries(byEngine)]));
    await writeFile(values.json, JSON.stringify({ sf, runs, times: raw }, null, 1));
  }
  const { cores, commit } = machineAndCommit();
  console.log(`\n${values.min ? 'Fastest' : 'Medians'} of ${runs} (sf=${sf}, commit ${commit}, ${new Date().toISOString()}):\n${lines.join('\n')}`);
  console.log(`\nLoad average (1 / 5 / 15 min, /proc/loadavg) on ${cores} cores: ${formatLoad(loadBefore)} before, ${formatLoad(loadAverage())} after`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
