/**
 * `--pushgateway URL` reaches a real prometheus-pushgateway, started here on a free
 * loopback port and stopped afterwards. Needs Debian's `prometheus-pushgateway` (.ci/run
 * installs it); without it these tests are skipped, which .ci/allowed-skips.json allows
 * only while /usr/bin/prometheus-pushgateway is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../pipeline/runReport';
import { prometheusSamples } from '../testing/prometheusSamples';
import { pipelineCli, useGeneratedInputs } from '../testing/pipelineCli';
import { freePort } from '../testing/freePort';

const PUSHGATEWAY = '/usr/bin/prometheus-pushgateway';

const pipeline = pipelineCli;
const generated = useGeneratedInputs(0.002);
const inputs = generated.inputs;

describe.skipIf(!existsSync(PUSHGATEWAY))('npm run pipeline -- --pushgateway URL, to a real Pushgateway', () => {
  let gateway: ChildProcess;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Its own persistence file: Debian's build keeps pushed metrics in /var/lib/prometheus by default.
    gateway = spawn(PUSHGATEWAY, [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(generated.dir(), 'pushgateway.data')}`], { stdio: 'ignore' });
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
    const result = await pipeline(['--out', join(generated.dir(), 'pushed'), '--pushgateway', url, ...inputs()]);
    expect(result.stderr).not.toContain('could not push');
    expect(result.code).toBe(0);
    const report: RunReport = JSON.parse(await readFile(join(generated.dir(), 'pushed', 'run.json'), 'utf8'));
    const s = prometheusSamples(await (await fetch(`${url}/metrics`)).text());
    expect(s.get('lakehouse_run_success{instance="",job="pocket_lakehouse"}')).toBe(1);
    const gold = report.models.find((m) => m.layer === 'gold')!;
    expect(s.get(`lakehouse_model_rows{instance="",job="pocket_lakehouse",layer="gold",model="${gold.name}"}`)).toBe(gold.rows);
  }, 180_000);

  it('a push that fails is an error on stderr and exit status 1, with the outputs still written', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await pipeline(['--out', join(generated.dir(), 'unpushed'), '--pushgateway', closed, ...inputs()]);
    expect(result.stderr).toContain(`error: could not push the metrics to ${closed}`);
    expect(result.code).toBe(1);
    expect(existsSync(join(generated.dir(), 'unpushed', 'run.json'))).toBe(true);
  }, 180_000);
});
