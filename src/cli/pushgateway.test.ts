/**
 * `--pushgateway URL` reaches a real prometheus-pushgateway, started here on a free
 * loopback port and stopped afterwards. Needs Debian's `prometheus-pushgateway` (.ci/run
 * installs it); without it these tests are skipped, which .ci/allowed-skips.json allows
 * only while /usr/bin/prometheus-pushgateway is missing.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOlist } from '../demo/generateOlist';
import type { RunReport } from '../pipeline/runReport';
import { prometheusSamples } from '../testing/prometheusSamples';
import { freePort } from '../testing/freePort';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const PUSHGATEWAY = '/usr/bin/prometheus-pushgateway';

async function pipeline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/pipeline.ts', ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipeline-metrics-'));
  for (const f of generateOlist({ sf: 0.002 })) await writeFile(join(dir, `in-${f.name}`), f.bytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const inputs = () => generateOlist({ sf: 0.002 }).map((f) => join(dir, `in-${f.name}`));

describe.skipIf(!existsSync(PUSHGATEWAY))('npm run pipeline -- --pushgateway URL, to a real Pushgateway', () => {
  let gateway: ChildProcess;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Its own persistence file: Debian's build keeps pushed metrics in /var/lib/prometheus by default.
    gateway = spawn(PUSHGATEWAY, [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'pushgateway.data')}`], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the Pushgateway did not start');
  }, 30_000);
  afterAll(() => {
    gateway?.kill('SIGTERM');
  });

  it('pushes the run metrics under job pocket_lakehouse, read back from GET /metrics', async () => {
    expect(await (await fetch(`${url}/metrics`)).text()).not.toContain('lakehouse_');
    const result = await pipeline(['--out', join(dir, 'pushed'), '--pushgateway', url, ...inputs()]);
    expect(result.stderr).not.toContain('could not push');
    expect(result.code).toBe(0);
    const report: RunReport = JSON.parse(await readFile(join(dir, 'pushed', 'run.json'), 'utf8'));
    const s = prometheusSamples(await (await fetch(`${url}/metrics`)).text());
    expect(s.get('lakehouse_run_success{instance="",job="pocket_lakehouse"}')).toBe(1);
    const gold = report.models.find((m) => m.layer === 'gold')!;
    expect(s.get(`lakehouse_model_rows{instance="",job="pocket_lakehouse",layer="gold",model="${gold.name}"}`)).toBe(gold.rows);
  }, 180_000);

  it('a push that fails is an error on stderr and exit status 1, with the outputs still written', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await pipeline(['--out', join(dir, 'unpushed'), '--pushgateway', closed, ...inputs()]);
    expect(result.stderr).toContain(`error: could not push the metrics to ${closed}`);
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'unpushed', 'run.json'))).toBe(true);
  }, 180_000);
});
