/**
 * `npm run pipeline -- --watch FOLDER`: a file dropped into the folder is loaded once, a
 * file still being written is not read until its size and mtime have held still, the
 * metrics are served at /metrics, and SIGINT ends the process with status 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../demo/generateOlist';
import type { RunReport } from '../pipeline/runReport';
import { prometheusSamples } from '../testing/prometheusSamples';

const STABLE_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('npm run pipeline -- --watch FOLDER', () => {
  let dir: string;
  let child: ChildProcess;
  let stdout = '';
  let exited: Promise<number | null>;
  const files = new Map(generateOlist({ sf: 0.002 }).map((f) => [f.name, f.bytes]));
  const sellers = [...files.keys()].find((n) => n.includes('sellers'))!;
  const customers = [...files.keys()].find((n) => n.includes('customers'))!;
  const until = async (pattern: RegExp, ms = 60_000) => {
    for (const started = Date.now(); Date.now() - started < ms; await sleep(50)) {
      const m = pattern.exec(stdout);
      if (m) return m;
    }
    throw new Error(`no ${pattern} in the output within ${ms} ms:\n${stdout}`);
  };
  const report = async (): Promise<RunReport> => JSON.parse(await readFile(join(dir, 'out', 'run.json'), 'utf8'));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipeline-watch-'));
    const inbox = join(dir, 'in');
    await mkdir(inbox);
    // Node itself with tsx's loader, not the tsx wrapper: SIGINT goes straight to the CLI.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/pipeline.ts', '--out', join(dir, 'out'), '--watch', inbox, '--metrics-port', '0'], {
      env: { ...process.env, LAKEHOUSE_WATCH_STABLE_MS: String(STABLE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stdout += d));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await until(/^watching /m);
  }, 60_000);
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a file dropped into the folder, in one batch', async () => {
    await writeFile(join(dir, 'in', sellers), files.get(sellers)!);
    await until(/^batch 1 done/m);
    const source = (await report()).sources.find((s) => s.file.endsWith(sellers))!;
    expect(source.rows).toBe(new TextDecoder().decode(files.get(sellers)!).trim().split('\n').length - 1);
  }, 60_000);

  it('does not read a file while it grows; reads it whole once its size and mtime hold still', async () => {
    const lines = new TextDecoder().decode(files.get(customers)!).trim().split('\n');
    const path = join(dir, 'in', customers);
    const chunks = 8;
    const size = Math.ceil(lines.length / chunks);
    await writeFile(path, lines.slice(0, size).join('\n') + '\n');
    // Appends every 400 ms for ~3 s: each gap is shorter than the 1 s it must hold still.
    for (let i = 1; i < chunks; i++) {
      await sleep(400);
      expect(stdout).not.toMatch(/^batch 2:/m);
      await appendFile(path, lines.slice(i * size, (i + 1) * size).map((l) => l + '\n').join(''));
    }
    const batch = await until(/^batch 2: (.*)$/m);
    expect(batch[1]).toContain(customers);
    expect(batch[1]).not.toContain(sellers);
    await until(/^batch 2 done/m);
    const source = (await report()).sources.find((s) => s.file.endsWith(customers))!;
    expect(source.rows).toBe(lines.length - 1);
  }, 60_000);

  it('loaded each file once, and serves the metrics of its batches at /metrics', async () => {
    await sleep(STABLE_MS * 2);
    expect(stdout.match(/^batch \d+:/gm)).toHaveLength(2);
    const url = (await until(/^serving metrics at (\S+)$/m))[1]!;
    const s = prometheusSamples(await (await fetch(url)).text());
    expect((s.get('lakehouse_runs_total{status="success"}') ?? 0) + (s.get('lakehouse_runs_total{status="failed"}') ?? 0)).toBe(2);
    expect(s.get('lakehouse_layer_rows{layer="bronze"}')).toBe((await report()).totals.bronze_rows);
  }, 30_000);

  it('exits 0 on SIGINT', async () => {
    child.kill('SIGINT');
    const code = await exited;
    expect(stdout).toMatch(/stopped after 2 batches/);
    expect(code).toBe(0);
  }, 30_000);
});
