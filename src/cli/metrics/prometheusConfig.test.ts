/**
 * The example Prometheus setup in deploy/prometheus: promtool accepts the scrape config
 * and the alert rules, the rules' own unit tests pass (each alert fires on the series that
 * should fire it, and not before), and every metric the rules read is one the CLI exports.
 * Needs promtool (Debian's `prometheus`; .ci/run installs it); skipped without it, which
 * .ci/allowed-skips.json allows only while /usr/bin/promtool is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunMetrics } from './runMetrics';

const PROMTOOL = '/usr/bin/promtool';
const DEPLOY = fileURLToPath(new URL('../../../deploy/prometheus/', import.meta.url));
const promtool = (...args: string[]) => spawnSync(PROMTOOL, args, { cwd: DEPLOY, encoding: 'utf8' });

describe.skipIf(!existsSync(PROMTOOL))('deploy/prometheus', () => {
  it('passes promtool check config (which checks the rule file it names too)', () => {
    const result = promtool('check', 'config', 'prometheus.yml');
    expect(result.stdout + result.stderr).toContain('SUCCESS: prometheus.yml is valid');
    expect(result.status).toBe(0);
  });

  it('passes promtool check rules, with the three alerts the issue asks for', () => {
    const result = promtool('check', 'rules', 'pocket-lakehouse.rules.yml');
    expect(result.status).toBe(0);
    const rules = readFileSync(`${DEPLOY}pocket-lakehouse.rules.yml`, 'utf8');
    for (const alert of ['LakehouseRunFailed', 'LakehouseErrorExpectationFailed', 'LakehouseQuarantineSpike']) expect(rules).toContain(`alert: ${alert}`);
  });

  it('passes its own promtool test rules', () => {
    const result = promtool('test', 'rules', 'pocket-lakehouse.rules.test.yml');
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('reads only metrics the CLI exports', () => {
    const exported = new Set(new RunMetrics().registry.getMetricsAsArray().map((m) => m.name));
    const rules = readFileSync(`${DEPLOY}pocket-lakehouse.rules.yml`, 'utf8');
    const read = [...new Set([...rules.matchAll(/\blakehouse_[a-z_]+/g)].map((m) => m[0]))];
    expect(read.length).toBeGreaterThan(3);
    expect(read.filter((name) => !exported.has(name))).toEqual([]);
  });
});
