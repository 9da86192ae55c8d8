import { formatLoad, type LoadAverage } from './machineLoad';
import { median } from './stats';

/** One engine's whole pipeline once: phases in milliseconds (absent where the host has none). */
export interface PipelineTimes {
  start?: number;
  load: number;
  /** All models and expectations. */
  build: number;
  whole: number;
  models: Record<string, number>;
  dashboard?: number;
  save?: number;
  /** Peak resident memory of what ran the pipeline (Chromium's renderer, WASM memory included), bytes. */
  peakBytes?: number;
  /** What DuckDB holds at the end of the run (duckdb_memory()), bytes. */
  heldBytes?: number;
}

/** One run of one engine in one round: its times, or why it has none. */
export interface RunRecord {
  round: number;
  engine: string;
  /** /proc/loadavg just before the run. */
  loadBefore: LoadAverage;
  times?: PipelineTimes;
  failed?: string;
}

export interface ReportContext {
  sf: number;
  megabytes: number;
  rounds: number;
  engines: { name: string; what: string }[];
  date: string;
  commit: string;
  cores: number;
  chromium?: string;
  loadBefore: LoadAverage;
  loadAfter: LoadAverage;
  /** The best native path (native DuckDB read_csv from disk + the same models and checks). */
  baseline: string;
  /** Our loader on native DuckDB. */
  ownNative: string;
  /** Where the target applies (Chromium EH) and the target ratio. */
  target: { engine: string; ratio: number };
}

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : String(Math.round(x)));
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const ratio = (a: number, b: number) => (b > 0 ? times(a / b) : '–');

function ok(runs: RunRecord[], engine: string): PipelineTimes[] {
  return runs.filter((r) => r.engine === engine && r.times).map((r) => r.times!);
}

function medianOf(runs: RunRecord[], engine: string, pick: (t: PipelineTimes) => number | undefined): number {
  const xs = ok(runs, engine).map(pick).filter((x): x is number => x !== undefined && !Number.isNaN(x));
  return xs.length ? median(xs) : NaN;
}

/**
 * The ratio of `engine` to `base` within each round (both measured back to back, so the
 * machine's load hit both alike), then the median of those ratios.
 */
function pairedRatio(runs: RunRecord[], engine: string, base: string, pick: (t: PipelineTimes) => number): number {
  const ratios: number[] = [];
  for (const r of runs.filter((x) => x.engine === engine && x.times)) {
    const b = runs.find((x) => x.engine === base && x.round === r.round && x.times);
    if (b) ratios.push(pick(r.times!) / pick(b.times!));
  }
  return ratios.length ? median(ratios) : NaN;
}

const sumOf = (models: Record<string, number>, layer: string) =>
  Object.entries(models).filter(([name]) => name.startsWith(`${layer}.`)).reduce((n, [, v]) => n + v, 0);
const modelsTotal = (t: PipelineTimes) => Object.values(t.models).reduce((n, v) => n + v, 0);

/** The results file: every figure of one interleaved run, with the load the machine was under. */
export function formatPipelineReport(ctx: ReportContext, runs: RunRecord[]): string {
  const names = ctx.engines.map((e) => e.name);
  const { baseline, ownNative } = ctx;
  const wholeOf = (t: PipelineTimes) => t.whole;
  const failures = (engine: string) => runs.filter((r) => r.engine === engine && r.failed);

  const summary = [
    `| engine | runs ok | load ms | build ms | whole ms (median) | min | max | vs best native path (${baseline}) | same, per round | vs our native loader (${ownNative}) | same, per round |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of names) {
    const good = ok(runs, name);
    const all = runs.filter((r) => r.engine === name).length;
    if (good.length === 0) {
      summary.push(`| ${name} | 0 of ${all} (failed: ${failures(name).map((f) => f.failed).join('; ')}) | – | – | – | – | – | – | – | – | – |`);
      continue;
    }
    const whole = medianOf(runs, name, wholeOf);
    const wholes = good.map(wholeOf);
    summary.push(
      `| ${name} | ${good.length} of ${all} | ${ms(medianOf(runs, name, (t) => t.load))} | ${ms(medianOf(runs, name, (t) => t.build))} | ${ms(whole)} | ${ms(Math.min(...wholes))} | ${ms(Math.max(...wholes))} | ` +
        `${ratio(whole, medianOf(runs, baseline, wholeOf))} | ${times(pairedRatio(runs, name, baseline, wholeOf))} | ${ratio(whole, medianOf(runs, ownNative, wholeOf))} | ${times(pairedRatio(runs, name, ownNative, wholeOf))} |`,
    );
  }

  const target = ctx.target;
  const achieved = medianOf(runs, target.engine, wholeOf) / medianOf(runs, baseline, wholeOf);
  const verdict = Number.isNaN(achieved)
    ? `**Target not measured**: ${target.engine} has no successful run.`
    : achieved <= target.ratio
      ? `**Target met**: ${target.engine}'s whole pipeline is ${achieved.toFixed(2)}× the best native path (target ≤ ${target.ratio}×).`
      : `**Target not met**: ${target.engine}'s whole pipeline is ${achieved.toFixed(2)}× the best native path (target ≤ ${target.ratio}×); the profile below shows where the time goes.`;

  // On an oversubscribed machine, wall times measure the share of CPU each engine got as
  // much as its work: native DuckDB's threads wait on each other when one is descheduled.
  const busiest = Math.max(ctx.loadBefore.one, ctx.loadAfter.one, ...runs.map((r) => r.loadBefore.one));
  const caveat = busiest > ctx.cores
    ? `\n\n**Caveat: the machine was oversubscribed** (1-minute load average up to ${busiest.toFixed(1)} on ${ctx.cores} cores). ` +
      'Every engine got a share of the CPU, not the machine: native DuckDB\'s two threads wait on each other whenever one is descheduled, ' +
      'while the one-threaded WASM builds do not, so these ratios favour WASM and do not carry over to a quiet machine. ' +
      'Repeat the run on a quiet machine before taking the target as met or missed.'
    : '';

  const phases: [string, (t: PipelineTimes) => number | undefined][] = [
    ['engine start (page load to ready; not in "whole")', (t) => t.start],
    ['load into bronze', (t) => t.load],
    ['silver models', (t) => sumOf(t.models, 'silver')],
    ['gold models', (t) => sumOf(t.models, 'gold')],
    ['expectations and checks', (t) => t.build - modelsTotal(t)],
    ['whole (load + models + expectations)', wholeOf],
    ['dashboard charts drawn after the run (not in "whole")', (t) => t.dashboard],
    ['save to browser storage after the run (not in "whole")', (t) => t.save],
  ];
  const header = `| phase | ${names.map((n) => `${n} ms`).join(' | ')} | ${names.filter((n) => n !== baseline).map((n) => `${n} / ${baseline}`).join(' | ')} |`;
  const divider = `|---|${names.map(() => '---:').join('|')}|${names.filter((n) => n !== baseline).map(() => '---:').join('|')}|`;
  const row = (label: string, pick: (t: PipelineTimes) => number | undefined) => {
    const med = names.map((n) => medianOf(runs, n, pick));
    const base = med[names.indexOf(baseline)]!;
    return `| ${label} | ${med.map(ms).join(' | ')} | ${names.map((n, i) => [n, med[i]!] as const).filter(([n]) => n !== baseline).map(([, m]) => ratio(m, base)).join(' | ')} |`;
  };
  const phaseTable = [header, divider, ...phases.map(([label, pick]) => row(label, pick))];
  const modelNames = [...new Set(runs.flatMap((r) => Object.keys(r.times?.models ?? {})))];
  modelNames.sort((a, b) => medianOf(runs, target.engine, (t) => t.models[b]) - medianOf(runs, target.engine, (t) => t.models[a]) || a.localeCompare(b));
  const modelTable = [header.replace('| phase |', '| model |'), divider, ...modelNames.map((m) => row(m, (t) => t.models[m]))];

  const perRun = ['| round | engine | load average before (1 / 5 / 15 min) | load | build | whole | start | dashboard | save |', '|---:|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of runs) {
    const t = r.times;
    perRun.push(
      t
        ? `| ${r.round} | ${r.engine} | ${formatLoad(r.loadBefore)} | ${ms(t.load)} | ${ms(t.build)} | ${ms(t.whole)} | ${ms(t.start)} | ${ms(t.dashboard)} | ${ms(t.save)} |`
        : `| ${r.round} | ${r.engine} | ${formatLoad(r.loadBefore)} | failed: ${r.failed} | | | | | |`,
    );
  }

  return `# Whole pipeline at sf=${ctx.sf}: one interleaved run

- Date: ${ctx.date}
- Commit: ${ctx.commit}
- Machine: ${ctx.cores} cores${ctx.chromium ? `; Chromium ${ctx.chromium}` : ''}
- Load average (1 / 5 / 15 min, /proc/loadavg): ${formatLoad(ctx.loadBefore)} before, ${formatLoad(ctx.loadAfter)} after; each run's is in the last table
- Data: the generated Olist CSVs at sf=${ctx.sf}, ${ctx.megabytes.toFixed(1)} MB
- ${ctx.rounds} rounds, engines interleaved in each round (${names.join(' → ')}); figures are medians over the rounds

Engines:
${ctx.engines.map((e) => `- **${e.name}**: ${e.what}`).join('\n')}

"whole" = load into bronze + every silver and gold model + every expectation and check, in one
run. Two ratios: against **the best native path** (\`${baseline}\`, the baseline) and against
**our own loader on native DuckDB** (\`${ownNative}\`). "per round" is the median of the
ratios taken within each round (the two runs back to back), less sensitive to the load
drifting between rounds than the ratio of the medians.

${verdict}${caveat}

## Whole pipeline

${summary.join('\n')}

## Memory (medians; MiB)

${memoryTable(runs, names).join('\n')}

## Where the time goes, per phase (medians)

${phaseTable.join('\n')}

## Per model (medians, slowest in ${target.engine} first)

${modelTable.join('\n')}

## Every run, in the order run

${perRun.join('\n')}
`;
}

/** Peak memory of what ran the pipeline and what DuckDB held at the end, per engine. */
function memoryTable(runs: RunRecord[], names: string[]): string[] {
  const mib = (x: number) => (Number.isNaN(x) ? '–' : String(Math.round(x / 2 ** 20)));
  return [
    '| engine | peak resident memory of the renderer (page, workers, WASM memory) | DuckDB holds after the run (duckdb_memory()) |',
    '|---|---:|---:|',
    ...names.map((n) => `| ${n} | ${mib(medianOf(runs, n, (t) => t.peakBytes))} | ${mib(medianOf(runs, n, (t) => t.heldBytes))} |`),
  ];
}
