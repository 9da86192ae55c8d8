import type { Engine } from '../../engine/interface';
import { rerunSet } from '../../pipeline/dag';
import type { Model } from '../../pipeline/model';
import { runPipeline, type PipelineRun, type RunOptions } from '../../pipeline/runner';
import { mergeRun } from './mergeRun';

export interface Rerun {
  /** The whole pipeline's state afterwards. */
  run: PipelineRun;
  /** The models that ran, in the order they ran. */
  models: string[];
  /** Wall time of the re-run. */
  milliseconds: number;
}

/**
 * "Re-run from here": rebuilds one model and its descendants, leaves every other table
 * in place, and merges the result into the last run.
 */
export async function rerunFrom(engine: Engine, models: Model[], previous: PipelineRun | undefined, id: string, options: Omit<RunOptions, 'only'> = {}): Promise<Rerun> {
  const partial = await runPipeline(engine, models, { ...options, only: rerunSet(models, id) });
  return { run: mergeRun(previous, partial), models: partial.models.map((m) => m.name), milliseconds: partial.milliseconds };
}
