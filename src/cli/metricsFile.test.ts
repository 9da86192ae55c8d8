/**
 * The CLI's Prometheus metrics file: `--metrics FILE` passes `promtool check metrics` and
 * says what run.json says. Needs Debian's `prometheus` package for promtool (.ci/run
 * installs it); without it these tests are skipped, which .ci/allowed-skips.json allows
 * only while /usr/bin/promtool is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../pipeline/runReport';
import { prometheusSamples } from '../testing/prometheusSamples';
import { pipelineCli, useGeneratedInputs } from '../testing/pipelineCli';

const PROMTOOL = '/usr/bin/promtool';

const pipeline = pipelineCli;
const generated = useGeneratedInputs(0.002);
const inputs = generated.inputs;

describe.skipIf(!existsSync(PROMTOOL))('npm run pipeline -- --metrics FILE', () => {
  let text: string;
  let report: RunReport;
  let code: number;
  beforeAll(async () => {
    const result = await pipeline(['--out', join(generated.dir(), 'out'), '--metrics', join(generated.dir(), 'lakehouse.prom'), ...inputs()]);
    code = result.code;
    text = await readFile(join(generated.dir(), 'lakehouse.prom'), 'utf8');
    report = JSON.parse(await readFile(join(generated.dir(), 'out', 'run.json'), 'utf8'));
  }, 180_000);

  it('passes promtool check metrics (names, units, counters, help texts)', () => {
    expect(code).toBe(0);
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('says what run.json says: success, models, layers, expectations', () => {
    const s = prometheusSamples(text);
    expect(s.get('lakehouse_run_success')).toBe(1);
    expect(s.get('lakehouse_runs_total{status="success"}')).toBe(1);
    expect(s.get('lakehouse_run_last_timestamp_seconds')).toBeCloseTo(Date.parse(report.finished_at) / 1000, 2);
    for (const m of report.models) {
      expect(s.get(`lakehouse_model_rows{layer="${m.layer}",model="${m.name}"}`)).toBe(m.rows);
      expect(s.get(`lakehouse_model_status{layer="${m.layer}",model="${m.name}",status="${m.status}"}`)).toBe(1);
      expect(s.get(`lakehouse_model_retries{layer="${m.layer}",model="${m.name}"}`)).toBe(0);
    }
    const bronze = report.tables.filter((t) => t.table.startsWith('bronze.')).reduce((n, t) => n + t.rows, 0);
    expect(s.get('lakehouse_layer_rows{layer="bronze"}')).toBe(bronze);
    const warned = report.expectations.filter((e) => e.severity === 'warn' && e.status === 'fail').length;
    expect(warned).toBeGreaterThan(0);
    expect(s.get('lakehouse_expectations{severity="warn",status="fail"}')).toBe(warned);
    expect(s.get('lakehouse_expectations{severity="error",status="pass"}')).toBe(report.expectations.filter((e) => e.severity === 'error' && e.status === 'pass').length);
  });

  it('never puts a value from the data in a label: only layer, model, severity, status', () => {
    const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]));
    expect([...labels].sort()).toEqual(['layer', 'model', 'severity', 'status']);
  });
});
