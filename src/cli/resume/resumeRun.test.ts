import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineCli, useGeneratedInputs } from '../../testing/pipelineCli';

const SHIPPED_MODELS = fileURLToPath(new URL('../../pipeline/models', import.meta.url));
const BROKEN = 'gold/customer_ltv.sql';
// customer_ltv and every model that reads it, directly or not.
const REBUILT = ['gold.customer_ltv', 'gold.customer_segments', 'gold.revenue_reconciliation', 'gold.rfm'];

interface Report {
  models: Array<{ name: string; status: string; milliseconds: number; finished_at?: string }>;
  tables: Array<{ table: string; rows: number }>;
  sources: unknown[];
  totals: { models_failed: number; models_skipped: number; bronze_rows: number };
  resumed?: { previous_started_at: string; rebuilt: string[] };
  started_at: string;
}

const readReport = async (dir: string): Promise<Report> => JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));

/** Every Parquet file under `dir` with its modification time. */
async function parquetTimes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const layer of await readdir(dir, { withFileTypes: true })) {
    if (!layer.isDirectory()) continue;
    for (const name of await readdir(join(dir, layer.name))) out[`${layer.name}/${name}`] = (await stat(join(dir, layer.name, name))).mtimeMs;
  }
  return out;
}

describe('npm run pipeline -- --resume DIR', () => {
  const inputs = useGeneratedInputs(0.01);
  let root = '';
  let models = '';
  let original = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pipeline-resume-'));
    models = join(root, 'models');
    await cp(SHIPPED_MODELS, models, { recursive: true });
    original = await readFile(join(models, BROKEN), 'utf8');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each(['native', 'wasm'])('rebuilds only the failed model and what reads it, leaves the rest untouched, and matches a full run (--engine %s)', async (engine) => {
    const out = join(root, `out-${engine}`);
    // Broken: the header stays, the query raises a real DuckDB error.
    const header = original.split('\n').filter((l) => l.startsWith('--')).join('\n');
    await writeFile(join(models, BROKEN), `${header}\nSELECT error('broken on purpose') AS customer_unique_id FROM silver.orders\n`);
    const failed = await pipelineCli(['--engine', engine, '--out', out, '--models', models, ...inputs.inputs()]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: model gold.customer_ltv failed');
    const first = await readReport(out);
    expect(first.models.filter((m) => m.status !== 'success').map((m) => m.name).sort()).toEqual(REBUILT);
    const timesBefore = await parquetTimes(out);
    expect(Object.keys(timesBefore)).not.toContain('gold/customer_ltv.parquet');

    await writeFile(join(models, BROKEN), original);
    const resumed = await pipelineCli(['--engine', engine, '--resume', out, '--models', models]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    // One progress line per model built, and only the four.
    const built = resumed.stdout.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
    expect(built.map((l) => l.replace(/^\[\d+\/4\] (\S+):.*$/, '$1')).sort()).toEqual(REBUILT);
    const second = await readReport(out);
    expect(second.resumed).toMatchObject({ previous_started_at: first.started_at });
    expect([...second.resumed!.rebuilt].sort()).toEqual(REBUILT);
    expect(second.totals).toMatchObject({ models_failed: 0, models_skipped: 0, bronze_rows: first.totals.bronze_rows });
    expect(second.sources).toEqual(first.sources);
    // What succeeded the first time is reported as it was (its time and finish untouched) and its files were not rewritten.
    for (const m of first.models.filter((m) => m.status === 'success')) expect(second.models.find((s) => s.name === m.name), m.name).toEqual(m);
    const timesAfter = await parquetTimes(out);
    for (const [file, mtime] of Object.entries(timesBefore)) {
      const rebuilt = REBUILT.some((id) => file === `${id.replace('.', '/')}.parquet`);
      if (!rebuilt) expect(timesAfter[file], file).toBe(mtime);
    }
    expect(Object.keys(timesAfter)).toContain('gold/customer_ltv.parquet');

    // The resumed lakehouse has the tables and row counts a full run of the fixed models has.
    const full = join(root, `full-${engine}`);
    expect((await pipelineCli(['--engine', engine, '--out', full, '--models', models, ...inputs.inputs()])).code).toBe(0);
    expect(second.tables).toEqual((await readReport(full)).tables);

    // Resuming a run where everything succeeded rebuilds nothing.
    const again = await pipelineCli(['--engine', engine, '--resume', out, '--models', models]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('every model succeeded, nothing to rebuild');
    expect(again.stdout.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l))).toEqual([]);
    // Four CLI runs; DuckDB-WASM on a loaded machine takes longer.
  }, 300_000);

  it('warns before rebuilding a model that ran out of memory on the same engine', async () => {
    const dir = join(root, 'out-of-memory');
    await mkdir(dir);
    const error = 'DuckDB ran out of memory building gold.rfm (could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)). Nothing half-built was kept.';
    const run = { engine: { kind: 'wasm' }, started_at: '2026-12-07T10:00:00.000Z', finished_at: '2026-12-07T10:01:00.000Z', sources: [], errors: [], skipped: [], notes: [], expectations: [], models: [{ name: 'gold.rfm', layer: 'gold', status: 'failed', rows: 0, milliseconds: 5, depends_on: [], error }] };
    // Each resume writes a new run.json: the failed one is put back before the next.
    await writeFile(join(dir, 'run.json'), JSON.stringify(run));
    const onWasm = await pipelineCli(['--engine', 'wasm', '--resume', dir]);
    expect(onWasm.stdout).toContain(`note: gold.rfm ran out of memory in the run being resumed; with the same engine it may run out again (the native engine can use all of this machine's memory: npm run pipeline -- --engine native --resume ${dir})`);
    await writeFile(join(dir, 'run.json'), JSON.stringify(run));
    const onNative = await pipelineCli(['--resume', dir]);
    expect(onNative.code).toBe(0);
    expect(onNative.stdout).toContain('rebuilding');
    expect(onNative.stdout).not.toContain('ran out of memory');
  });

  it('says which folder it cannot resume, and takes no --out', async () => {
    const empty = join(root, 'empty');
    const missing = await pipelineCli(['--resume', empty]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot resume ${empty}: its run.json could not be read`);
    const both = await pipelineCli(['--resume', empty, '--out', empty]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--resume DIR reads and writes DIR');
  });
});
