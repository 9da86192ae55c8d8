import type { RunSummary } from './runTypes';

/**
 * What the app says about a run that needs attention: it failed (a file, a model or an
 * error-severity expectation), in words; undefined for a run that is fine or was cancelled.
 */
export function runAlert(run: RunSummary | undefined): string | undefined {
  if (!run || run.status !== 'failed') return undefined;
  const what = run.modelsFailed > 0 || run.fileErrors > 0 ? 'failed' : 'has failing error-severity expectations';
  return `Run ${run.id} ${what}${run.problem ? `: ${run.problem}` : ''}`;
}
