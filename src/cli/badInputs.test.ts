import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetToArrow } from '../engine/parquet';
import { initNodeParquet } from '../engine/wasm/nodeWasmEngine';
import { BAD_INPUTS, GZIP_CUT_TEXT, type BadInputCase } from '../ingest/badInputs.cases';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const BALANCE = 'bronze = silver + duplicates + quarantine';

interface RunReport {
  tables: { table: string; rows: number }[];
  models: { name: string; status: string; error?: string }[];
  expectations: { model: string; name: string; status: string }[];
}

/**
 * The bad-input corpus (src/ingest/badInputs.cases.ts) through the real CLI, case by case:
 * the exit status, what stderr and stdout say (file, position, what to do), the rows of
 * every bronze and quarantine table, and the bronze = silver + duplicates + quarantine
 * expectation. All cases share one temporary folder; the CLI runs two at a time (each
 * run is mostly starting Node and DuckDB), and each case checks its run as it finishes.
 */
describe('npm run pipeline on bad inputs', () => {
  let root: string;
  const runs = BAD_INPUTS.flatMap((c) => c.engines.map((engine) => [`${c.name} (--engine ${engine})`, c, engine] as const));
  const results = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();
  const outDir = (c: BadInputCase, engine: string) => join(root, 'out', `${c.folder}-${engine}`);

  beforeAll(async () => {
    await initNodeParquet();
    root = await mkdtemp(join(tmpdir(), 'bad-inputs-'));
    for (const c of BAD_INPUTS) {
      for (const f of c.files()) {
        const path = join(root, 'in', c.folder, f.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, f.bytes);
      }
      for (const f of c.fixtures ?? []) await cp(new URL(`../../fixtures/${f.from}`, import.meta.url), join(root, 'in', c.folder, f.to), { recursive: true });
    }
    const twoAtATime = limit(2);
    for (const [name, c, engine] of runs) {
      results.set(name, twoAtATime(() => pipeline(['--engine', engine, '--out', outDir(c, engine), join(root, 'in', c.folder)])));
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(runs)('%s', async (name, c: BadInputCase, engine) => {
    const out = outDir(c, engine);
    const { code, stdout, stderr } = await results.get(name)!;

    // A clear outcome: the expected status, and on stderr only `error: file (position): …`
    // lines, never a stack trace.
    expect(code, stderr).toBe(c.exit);
    expect(stderr).not.toMatch(/^\s+at /m);
    const errors = lines(stderr);
    if (c.exit === 0) expect(errors).toEqual([]);
    for (const line of errors) expect(line).toMatch(/^error: \S.* \((line \d+|statement \d+|byte \d+)(, [a-z]+ \d+)*\): \S/);

    const said = {
      error: errors.map((l) => l.slice('error: '.length)),
      quarantine: lines(stdout).flatMap((l) => /\(e\.g\. (.*)\) \[\d+ ms\]$/.exec(l)?.slice(1) ?? []),
      note: lines(stdout).flatMap((l) => (l.startsWith('note: ') ? [l.slice('note: '.length)] : [])),
      expectation: lines(stdout).flatMap((l) => (/^note: \S+: expectation .* skipped: /.test(l) ? [l.slice('note: '.length)] : [])),
    };
    for (const m of c.messages) expect(said[m.kind], `${m.kind}: ${m.text}`).toContainEqual(expect.stringMatching(m.text));

    // Good rows and good files loaded; bad rows are in quarantine, nothing else exists.
    const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunReport;
    const rows = new Map(report.tables.map((t) => [t.table, t.rows]));
    const bronze = [...rows.keys()].filter((t) => t.startsWith('bronze.'));
    expect(bronze.sort()).toEqual(Object.keys(c.tables).filter((t) => t.startsWith('bronze.')).sort());
    for (const [table, n] of rows) if (table.startsWith('quarantine.')) expect(n, table).toBe(c.tables[table] ?? 0);
    for (const [table, n] of Object.entries(c.tables)) {
      expect(rows.get(table), table).toBe(n);
      expect(await parquetRows(out, table), `${table}.parquet`).toBe(n);
    }

    // Every source is accounted for, and the runner checked it; a source that lacks a
    // column its silver model reads skips that model, saying which file and column.
    for (const table of bronze) {
      const model = table.replace('bronze.', 'silver.');
      const skipped = c.skipped?.[model];
      if (skipped) {
        const run = report.models.find((m) => m.name === model);
        expect(run?.status, model).toBe('skipped');
        expect(run?.error, model).toMatch(skipped);
        expect(lines(stdout), model).toContainEqual(expect.stringMatching(new RegExp(`^\\[\\d+/\\d+\\] ${model.replace('.', '\\.')}: skipped — ${skipped.source.slice(1)}`)));
        continue;
      }
      expect(report.expectations.find((e) => e.model === model && e.name === BALANCE)?.status, `${model}: ${BALANCE}`).toBe('pass');
    }
    expect(report.expectations.filter((e) => e.name === BALANCE && e.status !== 'pass')).toEqual([]);
    // Every expectation could run, or was skipped for a table that is not loaded: none
    // fails on DuckDB's catalog error, and a skipped one is not a warning.
    expect(report.expectations.filter((e) => e.status === 'error')).toEqual([]);
    expect(stdout).not.toMatch(/^warning: .* skipped/m);

    // Rows that could not be read are in quarantine with their reason and line.
    for (const table of Object.keys(c.tables).filter((t) => t.startsWith('quarantine.'))) {
      const q = (await parquet(out, table)).toArray().map((r) => r.toJSON());
      for (const row of q.filter((r) => r._stage === 'ingest')) {
        expect(row._reason, table).toEqual(expect.any(String));
        // BSON has no lines: its documents are found by their byte offset.
        if (row._source_kind === 'mongo') expect(row._byte_offset, table).not.toBeNull();
        else expect(row._line, table).not.toBeNull();
        expect(row._raw, table).toEqual(expect.any(String));
      }
    }
    for (const v of c.values ?? []) {
      const values = (await parquet(out, v.table)).getChild(v.column)?.toArray();
      expect([...(values ?? [])], `${v.table}.${v.column}`).toContain(v.value);
    }
  });

  it('counts the rows of the cut gzip as zlib does: those complete before the cut', async () => {
    const c = BAD_INPUTS.find((x) => x.folder === 'gzip-cut')!;
    const cut = c.files().find((f) => f.path.endsWith('.gz'))!.bytes;
    const inflated = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
    expect(GZIP_CUT_TEXT.startsWith(inflated)).toBe(true);
    const complete = inflated.match(/\('s\d+','\d{5}','campinas','SP'\)/g)!.length;
    expect(c.tables['bronze.sellers']).toBe(complete);
    // The cut falls inside a row: that row, incomplete, is the one quarantined.
    expect(GZIP_CUT_TEXT.indexOf(`('s${complete + 1}'`)).toBeLessThan(inflated.length);
  });
});

async function pipeline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/pipeline.ts', ...args], { timeout: 120_000, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** Runs at most `n` of the given tasks at once, in the order they were given. */
function limit(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

async function parquet(out: string, table: string) {
  const [layer, name] = table.split('.');
  return parquetToArrow(await readFile(join(out, layer!, `${name}.parquet`)));
}

async function parquetRows(out: string, table: string): Promise<number> {
  return (await parquet(out, table)).numRows;
}
