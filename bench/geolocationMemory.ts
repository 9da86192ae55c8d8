/**
 * How much memory silver.geolocation needs in DuckDB-WASM, which cannot spill temporary data
 * to disk (duckdb-wasm #2061): the lowest `memory_limit` under which it still builds.
 *
 *   npx tsx bench/geolocationMemory.ts --prepare --csv DIR/olist_geolocation_dataset.csv --db FILE
 *   npx tsx bench/geolocationMemory.ts --db FILE --limits 2000,1500,1000 [--engine wasm|native] [--sql FILE]
 *
 * `--prepare` loads the CSV into bronze.geolocation of a database file with native DuckDB
 * and our loader (the same storage format as DuckDB-WASM 1.32.0's DuckDB 1.4.3). Then each
 * limit is one child process on a fresh copy of that file (opened as the browser opens its
 * OPFS database file: tables may leave memory for the file, temporary data may not), with
 * `SET memory_limit`, running the geolocation model as the pipeline does (build, balance, row
 * accounting, expectations). Reported per limit: whether the model built, its time, the row
 * accounting's status, the process's peak resident memory (VmHWM: WASM memory only grows),
 * and a fingerprint of silver, quarantine and duplicates (an order-free sum of row hashes),
 * to compare two versions of the model. `--sql` runs another version of the model file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, readFileSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/interface';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { loadFiles } from '../src/ingest/loadFiles';
import { readModels } from '../src/cli/readModels';
import { parseModel } from '../src/pipeline/model';
import { runPipeline } from '../src/pipeline/runner';
import { formatLoad, loadAverage, machineAndCommit } from './machineLoad';

const { values } = parseArgs({
  options: {
    prepare: { type: 'boolean', default: false },
    csv: { type: 'string' },
    db: { type: 'string' },
    limits: { type: 'string' },
    limit: { type: 'string' },
    engine: { type: 'string', default: 'wasm' },
    sql: { type: 'string' },
  },
});

const peakResidentMiB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function prepare(csv: string, db: string): Promise<void> {
  rmSync(db, { force: true });
  const engine = await NativeEngine.open(db);
  try {
    const stream = { size: statSync(csv).size, chunks: () => createReadStream(csv, { highWaterMark: 4 << 20 }) };
    const report = await loadFiles(engine, [{ path: basename(csv), bytes: new Uint8Array(0), diskPath: csv, stream }]);
    if (report.errors.length) throw new Error(JSON.stringify(report.errors));
    await engine.exec('CHECKPOINT');
    const n = (await engine.query('SELECT count(*)::BIGINT AS n FROM bronze.geolocation')).get(0)?.n;
    console.log(`bronze.geolocation: ${n} rows in ${db}`);
  } finally {
    await engine.close();
  }
}

/** One limit, in this process: the JSON line the parent reads. */
async function once(db: string, limitMiB: number): Promise<void> {
  const copy = `${db}.run`;
  copyFileSync(db, copy);
  rmSync(`${copy}.wal`, { force: true });
  const engine: Engine = values.engine === 'native' ? await NativeEngine.open(copy) : await createNodeWasmEngine(copy);
  try {
    await engine.exec(`SET memory_limit = '${limitMiB}MiB'; SET temp_directory = ''`);
    const files = await readModels();
    const file = files.find((f) => f.path === 'silver/geolocation.sql')!;
    const model = parseModel(values.sql ? { ...file, sql: readFileSync(values.sql, 'utf8') } : file);
    const run = await runPipeline(engine, [model]);
    const m = run.models[0]!;
    const accounting = run.expectations.find((e) => e.kind === 'balance');
    const result: Record<string, unknown> = {
      limitMiB, status: m.status, ms: m.milliseconds, error: m.error?.slice(0, 160),
      accounting: accounting ? `${accounting.status}${accounting.message ? `: ${accounting.message.slice(0, 120)}` : ''}` : undefined,
      accountingMs: accounting?.milliseconds, balance: m.balance,
      expectations: run.expectations.filter((e) => e.status !== 'pass').map((e) => `${e.name}: ${e.status}`),
    };
    if (m.status === 'success') try {
      const print = async (table: string) => String((await engine.query(`SELECT count(*)::BIGINT || ' rows, ' || sum(hash(t)::HUGEINT)::VARCHAR AS f FROM ${table} AS t`)).get(0)?.f);
      result.fingerprint = {
        silver: await print('silver.geolocation'),
        quarantine: await print("(SELECT * EXCLUDE (_stage) FROM quarantine.geolocation WHERE _stage = 'silver')"),
        duplicates: await print('duplicates.geolocation'),
      };
    } catch (error) {
      result.fingerprint = `not read: ${(error as Error).message.slice(0, 120)}`;
    }
    result.peakResidentMiB = Math.round(peakResidentMiB());
    console.log(JSON.stringify(result));
  } finally {
    await engine.close();
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
}

async function main(): Promise<void> {
  if (!values.db) throw new Error('--db FILE is required');
  if (values.prepare) return prepare(values.csv ?? '', values.db);
  if (values.limit) return once(values.db, Number(values.limit));
  const limits = (values.limits ?? '3072').split(',').map(Number);
  const { cores, commit } = machineAndCommit();
  console.log(`geolocation model, engine ${values.engine}${values.sql ? `, SQL ${values.sql}` : ''}, commit ${commit}, ${cores} cores, ${new Date().toISOString()}`);
  for (const limit of limits) {
    const before = formatLoad(loadAverage());
    const args = ['tsx', import.meta.filename, '--db', values.db, '--limit', String(limit), '--engine', values.engine!, ...(values.sql ? ['--sql', values.sql] : [])];
    const child = spawnSync('npx', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    console.log(`${line ?? JSON.stringify({ limitMiB: limit, crashed: child.status, stderr: child.stderr.slice(-400) })}  load ${before} -> ${formatLoad(loadAverage())}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
