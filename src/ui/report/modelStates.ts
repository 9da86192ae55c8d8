import type { ModelRun } from '../../pipeline/runner';

/** A model's place in a pipeline run as the UI shows it. */
export interface ModelState {
  name: string;
  status: 'pending' | 'running' | ModelRun['status'];
  rows?: number;
  milliseconds?: number;
  error?: string;
}

/**
 * The states after `finished` completed (if given): it takes its result, and the first
 * model still pending becomes the running one (models run one at a time, in order).
 */
export function modelStatesAfter(states: ModelState[], finished?: ModelRun): ModelState[] {
  const next = states.map((s) =>
    finished && s.name === finished.name
      ? { name: s.name, status: finished.status, rows: finished.rows, milliseconds: finished.milliseconds, error: finished.error }
      : s,
  );
  if (!next.some((s) => s.status === 'running')) {
    const pending = next.findIndex((s) => s.status === 'pending');
    if (pending >= 0) next[pending] = { ...next[pending], status: 'running' };
  }
  return next;
}
