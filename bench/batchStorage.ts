/**
 * npx tsx bench/batchStorage.ts [-- --sf 0.1 --batches 30]
 *
 * Issue #15: version storage after many batches. A lakehouse (native DuckDB, a database
 * file) is built from the sf data, then `batches` batches like bench/batches.ts's (1 % new
 * and 1 % changed orders, each batch other orders) are loaded one after another, each with
 * an (incremental) pipeline run and its version commit. Reports the database file after
 * batch 1 and after the last, how much of it the version history takes (the file again
 * with the versions schema dropped), the history's row versions, and each batch's time.
 * Writes bench/results/batch-storage.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import type { InputFile } from '../src/ingest/inputFile';
import { Lakehouse } from '../src/lakehouse/lakehouse';
import { databaseSize } from '../src/lakehouse/versions/vacuumVersions';
import { readModels } from '../src/cli/readModels';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';
import { writeOlist } from './olistData';
import { median } from './stats';
import { writeBatchFiles } from './support/batchFiles';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '0.1' }, batches: { type: 'string', default: '30' } } });
const sf = Number(values.sf);
const batches = Number(values.batches);
const models = await readModels();
const MiB = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function sizes(engine: Engine): Promise<{ file: number; used: number; historyRows: number; layerRows: number }> {
  await engine.exec('CHECKPOINT');
  const s = await databaseSize(engine);
  const r = (await engine.query(`SELECT
      coalesce(sum(estimated_size) FILTER (WHERE schema_name = 'versions'), 0)::DOUBLE AS h,
      coalesce(sum(estimated_size) FILTER (WHERE schema_name IN ('bronze', 'silver', 'gold', 'quarantine', 'duplicates')), 0)::DOUBLE AS l
    FROM duckdb_tables() WHERE database_name = current_database()`)).get(0)!;
  return { file: s.fileBytes, used: s.usedBytes, historyRows: Number(r.h), layerRows: Number(r.l) };
}

const work = mkdtempSync(join(tmpdir(), 'batch-storage-'));
const before = loadAverage();
let md = '';
try {
  const { files } = await writeOlist(sf);
  const path = join(work, 'lake.duckdb');
  let engine = await NativeEngine.open(path);
  let lakehouse = new Lakehouse(engine);
  await lakehouse.load(files);
  await lakehouse.runPipeline(models);
  await engine.close();
  // Every batch's files, made from batch 1's orders before the lakehouse is opened again.
  const batchFiles: InputFile[][] = [];
  for (let k = 2; k <= batches + 1; k++) {
    const dir = join(work, `batch${k}`);
    mkdirSync(dir);
    batchFiles.push(await writeBatchFiles(path, dir, `batch${k}`, `n${k}_`));
  }
  engine = await NativeEngine.open(path);
  lakehouse = new Lakehouse(engine);
  const first = await sizes(engine);
  const times: number[] = [];
  for (const [i, batch] of batchFiles.entries()) {
    const t0 = performance.now();
    const ingest = await lakehouse.load(batch);
    if (ingest.errors.length) throw new Error(JSON.stringify(ingest.errors));
    const run = await lakehouse.runPipeline(models);
    if (!run.ok) throw new Error(`batch ${i + 2}: ${run.models.filter((m) => m.status !== 'success').map((m) => `${m.name}: ${m.error}`).join('; ')}`);
    times.push(performance.now() - t0);
    console.log(`batch ${i + 2}: ${Math.round(times.at(-1)!)} ms`);
  }
  const last = await sizes(engine);
  const versions = Number((await engine.query(`SELECT count(*)::DOUBLE AS n FROM versions.commits`)).get(0)!.n);
  await engine.exec('DROP SCHEMA versions CASCADE');
  const bare = await sizes(engine);
  await engine.close();
  const after = loadAverage();
  const { cores, commit } = machineAndCommit();
  md = `# Version storage after ${batches} batches (issue #15)

\`npx tsx bench/batchStorage.ts -- --sf ${sf} --batches ${batches}\` · native DuckDB, a database file in ${tmpdir()} · ${cores} cores · commit ${commit} ·
load average before ${formatLoad(before)}, after ${formatLoad(after)} (1 / 5 / 15 min): ${loadVerdict(before, after, cores)}

A lakehouse built from sf=${sf}, then ${batches} batches like bench/batches.ts's (1 % of the orders again under new ids,
another 1 % changed, with their items, payments and reviews; other orders each batch), each loaded and run
(incremental runs, a version committed after each). Sizes after CHECKPOINT; rows are DuckDB's estimates.

| | database file | in use | rows in the layers | row versions in the history |
|---|---:|---:|---:|---:|
| after batch 1 (version 1) | ${MiB(first.file)} | ${MiB(first.used)} | ${first.layerRows} | ${first.historyRows} |
| after batch ${batches + 1} (${versions} versions) | ${MiB(last.file)} | ${MiB(last.used)} | ${last.layerRows} | ${last.historyRows} |
| the same without the history (versions schema dropped) | ${MiB(bare.file)} | ${MiB(bare.used)} | ${bare.layerRows} | 0 |

The history takes ${MiB(last.used - bare.used)} in use after ${batches} batches (${((last.used - bare.used) / bare.used * 100).toFixed(0)} % of the lakehouse
without it); version 1 alone is a copy of every table. The ${batches} batches added ${last.historyRows - first.historyRows} row versions to
the history (${Math.round((last.historyRows - first.historyRows) / batches)} a batch) while the layers grew by ${last.layerRows - first.layerRows} rows. A batch (load + incremental run + version commit): median
${Math.round(median(times))} ms, first ${Math.round(times[0]!)} ms, last ${Math.round(times.at(-1)!)} ms.
`;
} finally {
  rmSync(work, { recursive: true, force: true });
}
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/batch-storage.md', md);
console.log(md);
