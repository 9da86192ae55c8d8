import type { PipelineRun } from '../../pipeline/runner';

/**
 * The whole pipeline's state after a partial re-run: the re-run models' results and
 * expectations replace theirs in `previous`, in the previous order; the others stay as
 * they were (their tables were left in place). Without a previous run, the partial one.
 */
export function mergeRun(previous: PipelineRun | undefined, partial: PipelineRun): PipelineRun {
  if (!previous) return partial;
  const rerun = new Map(partial.models.map((m) => [m.name, m]));
  const models = previous.models.map((m) => rerun.get(m.name) ?? m);
  for (const m of partial.models) if (!previous.models.some((p) => p.name === m.name)) models.push(m);
  const order = new Map(models.map((m, i) => [m.name, i]));
  const expectations = [...previous.expectations.filter((e) => !rerun.has(e.model)), ...partial.expectations]
    // Stable sort: each model's expectations keep their own order.
    .sort((a, b) => (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0));
  const ok = models.every((r) => r.status !== 'failed') && expectations.every((e) => e.severity !== 'error' || e.status === 'pass');
  return { models, expectations, ok, milliseconds: previous.milliseconds };
}
