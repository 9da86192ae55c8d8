import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../ingest/ingestError';
import { Lakehouse } from '../lakehouse/lakehouse';
import { buildRunReport } from '../pipeline/runReport';
import type { SilverBalance } from '../pipeline/silverBalance';
import { ENGINE_NAMES, openEngine, type EngineName } from './openEngine';
import { readInputs } from './readInputs';
import { readModels } from './readModels';
import { writeLakehouse } from './writeLakehouse';
import { runMain } from './runMain';

const USAGE = `usage: npm run pipeline -- [--engine native|wasm] --out DIR INPUT...

Loads INPUT into bronze, builds silver and gold, and writes every table as Parquet.

  INPUT   files, folders (read recursively), .zip or .gz archives
  --out   where to write <layer>/<table>.parquet and run.json
  --engine  native (default: native DuckDB) or wasm (DuckDB-WASM, as in the browser)

exit status: 0 done; 1 an input could not be loaded, a model failed or an
error-severity expectation failed (everything computed is still written); 2 usage error`;

/** "; bronze 100 = silver 90 + duplicates 6 (4 exact) + quarantine 4", each counted from its table. */
function balanceNote(b: SilverBalance | undefined): string {
  if (!b) return '';
  const duplicates = b.exactDuplicates + b.conflictingDuplicates;
  return `; bronze ${b.bronze} = silver ${b.silver} + duplicates ${duplicates} (${b.exactDuplicates} exact) + quarantine ${b.quarantined}`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, engine: { type: 'string', default: 'native' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE), 0;
  const engineName = values.engine as EngineName;
  if (!ENGINE_NAMES.includes(engineName)) return console.error(`unknown engine "${values.engine}"\n\n${USAGE}`), 2;
  if (!values.out || positionals.length === 0) return console.error(USAGE), 2;

  const startedAt = new Date();
  const { files, problems } = await readInputs(positionals, values.out);
  const engine = await openEngine(engineName);
  try {
    const lakehouse = new Lakehouse(engine);
    // Said before loading (DuckDB-WASM only): the files may not fit in its memory.
    let warned = false;
    const ingest = await lakehouse.load(files, (p) => {
      if (p.memoryWarning && !warned) (warned = true), console.error(`warning: ${p.memoryWarning}`);
    });
    ingest.errors.unshift(...problems);
    for (const s of ingest.sources) {
      const q = s.quarantined ? `, ${s.quarantined} quarantined${s.samples[0] ? ` (e.g. ${formatProblem(s.samples[0])})` : ''}` : '';
      console.log(`${s.file} → ${s.table}: ${s.rows} rows${q} [${s.milliseconds} ms]`);
    }
    // What the loaders decided about whole files (converted from Latin-1, views skipped, …).
    for (const n of ingest.notes) console.log(`note: ${n.file}: ${n.message}`);
    for (const s of ingest.sources) for (const n of s.notes ?? []) console.log(`note: ${s.file}: ${n}`);
    const pipelineRun = await lakehouse.runPipeline(await readModels(), {
      onModel: (m, i, n) => console.log(`[${i + 1}/${n}] ${m.name}: ${m.status}${m.status === 'success' ? `, ${m.rows} rows [${m.milliseconds} ms]${balanceNote(m.balance)}` : ` — ${m.error}`}`),
    });
    const tables = await lakehouse.tables();
    const written = await writeLakehouse(engine, tables, values.out);
    // maxRSS: the peak of this process, DuckDB (native or WASM) included, in KiB.
    const processPeakBytes = process.resourceUsage().maxRSS * 1024;
    const report = buildRunReport({ engine: await engine.describe(), startedAt, finishedAt: new Date(), ingest, tables, pipeline: pipelineRun, processPeakBytes });
    await mkdir(values.out, { recursive: true });
    await writeFile(join(values.out, 'run.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`wrote ${written.length} Parquet files and run.json to ${values.out}`);
    for (const p of ingest.errors) console.error(`error: ${formatProblem(p)}`);
    for (const m of pipelineRun.models.filter((m) => m.status === 'failed')) console.error(`error: model ${m.name} failed: ${m.error}`);
    // Skipped (a table it reads is not loaded): said, but neither a warning nor an error.
    for (const e of pipelineRun.expectations.filter((e) => e.status === 'skipped')) console.log(`note: ${e.model}: expectation ${e.name} skipped: ${e.message}`);
    for (const e of pipelineRun.expectations.filter((e) => e.status !== 'pass' && e.status !== 'skipped')) {
      const line = `${e.model}: expectation ${e.name} ${e.status === 'error' ? `could not run: ${e.message}` : `failed on ${e.failing} rows`}`;
      if (e.severity === 'error') console.error(`error: ${line}`);
      else console.log(`warning: ${line}`);
    }
    return ingest.errors.length > 0 || !pipelineRun.ok ? 1 : 0;
  } finally {
    await engine.close();
  }
}

runMain(main);
