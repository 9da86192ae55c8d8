import { describe, expect, it } from 'vitest';
import type { LoadAverage } from './machineLoad';
import { formatPipelineReport, type PipelineTimes, type ReportContext, type RunRecord } from './pipelineReport';

const quiet: LoadAverage = { one: 0.5, five: 0.4, fifteen: 0.3 };

function times(load: number, build: number, models: Record<string, number> = {}): PipelineTimes {
  return { load, build, whole: load + build, models };
}

function context(over: Partial<ReportContext> = {}): ReportContext {
  return {
    sf: 1,
    megabytes: 119.5,
    rounds: 2,
    engines: ['native-read_csv', 'native', 'chromium-eh', 'chromium-coi'].map((name) => ({ name, what: `what ${name} is` })),
    date: '2026-12-07T00:00:00.000Z',
    commit: 'abc1234',
    cores: 2,
    loadBefore: quiet,
    loadAfter: quiet,
    baseline: 'native-read_csv',
    ownNative: 'native',
    target: { engine: 'chromium-eh', ratio: 1.3 },
    ...over,
  };
}

/** Two rounds: the baseline's whole is 100 then 200, ours 110 then 220, the browser's 120 then 260. */
function runs(chromiumWholes = [120, 260]): RunRecord[] {
  const out: RunRecord[] = [];
  for (const [i, round] of [1, 2].entries()) {
    out.push({ round, engine: 'native-read_csv', loadBefore: quiet, times: times(40 * round, 60 * round, { 'silver.orders': 30 * round, 'gold.rfm': 10 * round }) });
    out.push({ round, engine: 'native', loadBefore: quiet, times: times(50 * round, 60 * round, { 'silver.orders': 30 * round, 'gold.rfm': 10 * round }) });
    out.push({ round, engine: 'chromium-eh', loadBefore: quiet, times: { ...times(50, chromiumWholes[i]! - 50, { 'silver.orders': 45 * round, 'gold.rfm': 10 }), start: 900, dashboard: 300, save: 2000 } });
    out.push({ round, engine: 'chromium-coi', loadBefore: quiet, failed: 'engine did not start: the engine did not start within 90 s' });
  }
  return out;
}

describe('the whole-pipeline results file', () => {
  it('gives each engine both ratios: to the best native path and to our native loader, by medians and per round', () => {
    const report = formatPipelineReport(context(), runs());
    // Medians: baseline 150, native 165, chromium-eh 190.
    expect(report).toContain('| native | 2 of 2 | 75 | 90 | 165 | 110 | 220 | 1.10× | 1.10× | 1.00× | 1.00× |');
    // chromium-eh: 190 / 150 = 1.27× of medians; per round 1.20× and 1.30× → 1.25×; vs native 190 / 165 = 1.15×.
    expect(report).toContain('| chromium-eh | 2 of 2 | 50 | 140 | 190 | 120 | 260 | 1.27× | 1.25× | 1.15× | 1.14× |');
    expect(report).toContain('**Target met**: chromium-eh\'s whole pipeline is 1.27× the best native path');
  });

  it('reports a build that failed to start, in the summary and in every run, instead of dropping it', () => {
    const report = formatPipelineReport(context(), runs());
    expect(report).toContain('| chromium-coi | 0 of 2 (failed: engine did not start: the engine did not start within 90 s; engine did not start: the engine did not start within 90 s) |');
    expect(report.match(/\| chromium-coi \| 0\.50 \/ 0\.40 \/ 0\.30 \| failed: engine did not start/g)).toHaveLength(2);
  });

  it('says when the target is missed, and profiles the phases and the models', () => {
    const report = formatPipelineReport(context(), runs([160, 300]));
    expect(report).toContain('**Target not met**: chromium-eh\'s whole pipeline is 1.53× the best native path (target ≤ 1.3×)');
    expect(report).toMatch(/\| silver models \| 45 \| 45 \| 68 \| – \|/);
    expect(report).toMatch(/\| save to browser storage after the run \(not in "whole"\) \| – \| – \| 2000 \| – \|/);
    // Slowest model in the target engine first.
    expect(report.indexOf('| silver.orders |')).toBeLessThan(report.indexOf('| gold.rfm |'));
  });

  it('carries the date, the commit and the load averages, and warns when the machine was oversubscribed', () => {
    const quietReport = formatPipelineReport(context(), runs());
    expect(quietReport).toContain('- Commit: abc1234');
    expect(quietReport).toContain('0.50 / 0.40 / 0.30 before');
    expect(quietReport).not.toContain('oversubscribed');
    const busy = runs();
    busy[2]!.loadBefore = { one: 17.5, five: 18, fifteen: 18 };
    expect(formatPipelineReport(context(), busy)).toContain('**Caveat: the machine was oversubscribed** (1-minute load average up to 17.5 on 2 cores)');
  });
});
