/**
 * npx tsx bench/pipelineProfile.ts [--sf 1] [--runs 5] [--native-threads-1] [--min] [--json FILE]
 *
 * Where the whole pipeline's time goes, per model, on native DuckDB and on DuckDB-WASM in
 * Node, measured in the same run (engines interleaved per round, so machine noise hits
 * both alike): load into bronze, each model, the expectations, and the whole (load +
 * models + expectations). Medians of `runs`, with each WASM median's ratio to native.
 * `--native-threads-1` adds native with `SET threads = 1` (the browser's EH bundle has one
 * thread); the target still compares against native's defaults. `--min` reports the
 * fastest run instead of the median: on a machine shared with other work, the least
 * disturbed run of each engine. `--json` also writes every run's times there.
 * Does not build the app or start Chromium (bench/run.ts does).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateOlist } from '../src/demo/generateOlist';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { loadFiles } from '../src/ingest/loadFiles';
import { readModels } from '../src/cli/readModels';
import { parseModel } from '../src/pipeline/model';
import { runPipeline } from '../src/pipeline/runner';
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

const engines: Array<[name: string, open: () => Promise<Engine>]> = [
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

async function once(name: string, open: () => Promise<Engine>, files: { path: string; bytes: Uint8Array }[]): Promise<void> {
  const models = (await readModels()).map(parseModel);
  const engine = await open();
  try {
    const t0 = performance.now();
    const report = await loadFiles(engine, files.map((f) => ({ path: f.path, bytes: f.bytes.slice() })));
    if (report.errors.length) throw new Error(JSON.stringify(report.errors));
    record('load', name, report.milliseconds);
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
  const files = generateOlist({ sf }).map((f) => ({ path: f.name, bytes: f.bytes }));
  console.log(`sf=${sf}, ${runs} runs, engines: ${engines.map(([n]) => n).join(', ')}`);
  for (let i = 0; i < runs; i++) {
    for (const [name, open] of engines) await once(name, open, files);
    console.log(`run ${i + 1}: ${engines.map(([n]) => `${n} ${Math.round(times.get('whole')!.get(n)!.at(-1)!)} ms`).join(', ')}`);
  }
  const names = engines.map(([n]) => n);
  const others = names.filter((n) => n !== 'native');
  const header = `| step | ${names.map((n) => `${n} ms`).join(' | ')} | ${others.map((n) => `${n}/native`).join(' | ')} |`;
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
  console.log(`\n${values.min ? 'Fastest' : 'Medians'} of ${runs} (sf=${sf}):\n${lines.join('\n')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
