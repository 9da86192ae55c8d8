/**
 * Training time and metrics of the two prediction models in Chromium (a Web Worker, as in the
 * app), on generated Olist data: `npx tsx bench/predictions.ts [--sf 1] [--runs 3]`.
 * Features are built with native DuckDB from the pipeline's output (the same SQL the app runs
 * in DuckDB-WASM); the training is timed inside Chromium's worker. Each run trains with the
 * app's learner settings and, interleaved with it, the previous settings (more epochs, smaller
 * ETA batches), so the two are compared under the same load (the rest of the code, e.g. the faster scoring, is the same for both). Writes bench/results/predictions.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { NativeEngine } from '../src/engine/native/nativeEngine';
import { readFeatureSql, readLakehouseLayer } from '../src/cli/readLakehouse';
import { preparePredictionInput } from '../src/predictions/predictions';
import { CHURN_LEARNER } from '../src/predictions/churn';
import { ETA_LEARNER } from '../src/predictions/eta';
import type { LearnerOptions } from '../src/predictions/learner';
import type { PredictionMetrics } from '../src/predictions/modelCard';
import { launchChromium } from './chromium';
import { formatLoad, loadAverage, loadVerdict, machineAndCommit } from './machineLoad';

const { values } = parseArgs({ options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } } });
/** The learner settings before the speed-up (stop 24): ETA 6 epochs of 256, churn 7 epochs at sf=1. */
const PREVIOUS = {
  eta: { ...ETA_LEARNER, epochs: 4, minSteps: 1500, batchSize: 256 },
  churn: { ...CHURN_LEARNER, minSteps: 2000 },
};
type Variant = 'current' | 'previous';
interface Run { variant: Variant; load: number; totalMs: number; metrics: PredictionMetrics }
const sf = values.sf!;
const dir = mkdtempSync(join(tmpdir(), 'predictions-bench-'));
const loadBefore = loadAverage();
try {
  const tsx = (script: string, ...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  tsx('src/cli/generate.ts', '--sf', sf, '--out', join(dir, 'csv'));
  tsx('src/cli/pipeline.ts', '--out', join(dir, 'lh'), join(dir, 'csv'));

  const engine = await NativeEngine.open();
  const t0 = performance.now();
  for (const layer of ['silver', 'gold']) await readLakehouseLayer(engine, join(dir, 'lh'), layer);
  const input = await preparePredictionInput(engine, await readFeatureSql());
  const featuresMs = performance.now() - t0;
  await engine.close();
  const inputJson = JSON.stringify(input);

  const worker = await build({ entryPoints: ['bench/support/predictionsBenchWorker.ts'], bundle: true, format: 'iife', write: false, platform: 'browser' });
  const workerJs = worker.outputFiles[0]!.text;

  // A blank page (no server, no CSP): the worker is the bundled script from a Blob URL and
  // gets the features by postMessage, as the app's lakehouse worker hands them over.
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < Number(values.runs); i++) {
      // Alternate which goes first, so neither always meets the same moment of the load.
      const order: Variant[] = i % 2 === 0 ? ['current', 'previous'] : ['previous', 'current'];
      for (const variant of order) {
        const learners = variant === 'previous' ? PREVIOUS : undefined;
        const load = loadAverage().one;
        const page = await browser.newPage();
        await page.goto('about:blank');
        const run = await page.evaluate(
          ({ js, json, learners }) =>
            new Promise<{ totalMs: number; metrics: PredictionMetrics }>((ok, fail) => {
              const w = new Worker(URL.createObjectURL(new Blob([js], { type: 'text/javascript' })));
              w.onerror = (e) => fail(new Error(e.message));
              w.onmessage = (e) => (e.data.done ? ok(e.data.done) : e.data.error ? fail(new Error(e.data.error)) : undefined);
              w.postMessage({ input: JSON.parse(json), learners });
            }),
          { js: workerJs, json: inputJson, learners: learners as { eta: LearnerOptions; churn: LearnerOptions } | undefined },
        );
        runs.push({ variant, load, ...run });
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }

  const loadAfter = loadAverage();
  const { cores, commit } = machineAndCommit();
  const current = runs.filter((r) => r.variant === 'current');
  const previous = runs.filter((r) => r.variant === 'previous');
  const m = current[current.length - 1]!.metrics;
  const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const timing = (rs: Run[], key: keyof PredictionMetrics['timings']) => med(rs.map((r) => r.metrics.timings[key]));
  const both = (rs: Run[]) => med(rs.map((r) => r.metrics.timings.etaMs + r.metrics.timings.churnMs));
  const bothMs = both(current);
  const row = (label: string, key: keyof PredictionMetrics['timings']) =>
    `| ${label} | ${s(timing(current, key))} s | ${s(timing(previous, key))} s | ${(timing(current, key) / timing(previous, key)).toFixed(2)} |`;
  const pm = previous[previous.length - 1]!.metrics;
  const f = (x: number, d = 2) => x.toFixed(d);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const e = m.eta;
  const c = m.churn;
  const md = `# Predictions at sf=${sf}: training time in Chromium and the models against their baselines

Measured ${new Date().toISOString().slice(0, 16)} UTC by \`npx tsx bench/predictions.ts --sf ${sf} --runs ${values.runs}\`, commit ${commit}, ${cores} cores.
Load average (1/5/15 min) before: ${formatLoad(loadBefore)}; after: ${formatLoad(loadAfter)} — ${loadVerdict(loadBefore, loadAfter, cores)}

Training runs in a Web Worker in headless Chromium (TensorFlow.js CPU backend), the same \`trainPredictions\` the app's predictions worker runs; times include evaluation (metrics, permutation importance) and scoring every row. Features were built by native DuckDB in ${s(featuresMs)} s from the pipeline's Parquet (the app runs the same SQL in DuckDB-WASM; not part of the training time).

Median of ${current.length} runs each, the app's learner settings and the previous ones interleaved (ETA ${ETA_LEARNER.epochs}+ epochs of ${ETA_LEARNER.batchSize} rows, at least ${ETA_LEARNER.minSteps} batches, vs ${PREVIOUS.eta.epochs}+ of ${PREVIOUS.eta.batchSize}, at least ${PREVIOUS.eta.minSteps}; churn at least ${CHURN_LEARNER.minSteps} batches vs ${PREVIOUS.churn.minSteps}):

| | current | previous | ratio |
|---|---|---|---|
${row('ETA model (train + evaluate + score)', 'etaMs')}
${row('of which the fit', 'etaFitMs')}
${row('repeat-purchase model', 'churnMs')}
${row('of which the fit', 'churnFitMs')}
| both | ${s(bothMs)} s (target ≤ 30 s: ${bothMs <= 30_000 ? 'met' : '**not met**'}) | ${s(both(previous))} s | ${(bothMs / both(previous)).toFixed(2)} |

Per run, both models (1-minute load average when it started): ${runs.map((r) => `${r.variant} ${s(r.metrics.timings.etaMs + r.metrics.timings.churnMs)} s (${r.load.toFixed(1)})`).join(', ')}.
The previous settings scored ETA MAE ${pm.eta.model.mae.toFixed(3)} days and repeat-purchase ROC AUC ${pm.churn.model.rocAuc.toFixed(3)} on the same test split (current: ${m.eta.model.mae.toFixed(3)}, ${m.churn.model.rocAuc.toFixed(3)}); the settings were chosen on a validation split inside the training period, not on these.

## Delivery ETA — test period ${e.testPeriod.join(' – ')} (${e.testRows} orders; trained on ${e.trainRows} before ${e.split})

| | MAE (days) | RMSE (days) | within ±3 days |
|---|---|---|---|
| model | ${f(e.model.mae)} | ${f(e.model.rmse)} | ${pct(e.model.within3)} |
| Olist's estimate | ${f(e.olistEstimate.mae)} | ${f(e.olistEstimate.rmse)} | ${pct(e.olistEstimate.within3)} |
| route median | ${f(e.routeMedian.mae)} | ${f(e.routeMedian.rmse)} | ${pct(e.routeMedian.within3)} |

Beats both baselines on MAE: **${e.beatsBaselinesOnMae ? 'yes' : 'no'}**. Interval coverage ${pct(e.intervalCoverage)} (nominal 80 %).
Top features: ${e.importance.slice(0, 5).map((i) => `${i.feature} (${f(i.importance)})`).join(', ')}.

## Repeat purchase within ${c.horizonDays} days — test cutoff ${c.cutoffs.test} (${c.testRows} customers, ${pct(c.positiveRate.test)} positive)

| | ROC AUC | PR AUC | top-decile lift | Brier |
|---|---|---|---|---|
| model | ${f(c.model.rocAuc, 3)} | ${f(c.model.prAuc, 3)} | ${f(c.model.topDecileLift)} | ${f(c.model.brier, 4)} |
| RFM recency | ${f(c.recencyBaseline.rocAuc, 3)} | ${f(c.recencyBaseline.prAuc, 3)} | ${f(c.recencyBaseline.topDecileLift)} | – |
| base rate | 0.500 | ${f(c.positiveRate.test, 3)} | 1.00 | ${f(c.baseRateBrier, 4)} |

Beats the RFM recency baseline on ROC AUC: **${c.beatsBaselineOnRocAuc ? 'yes' : 'no'}**.
Top features: ${c.importance.slice(0, 5).map((i) => `${i.feature} (${f(i.importance, 3)})`).join(', ')}.
Reliability (predicted → observed, by decile of prediction): ${c.reliability.map((b) => `${f(b.predicted, 3)}→${f(b.observed, 3)}`).join(', ')}.
`;
  writeFileSync('bench/results/predictions.md', md);
  writeFileSync('bench/results/predictions.json', JSON.stringify({ sf, loadBefore, loadAfter, featuresMs, runs: runs.map(({ variant, load, metrics }) => ({ variant, load, ...metrics })) }, null, 2) + '\n');
  console.log(md);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
