import type { RunStatus, RunSummary } from '../../lakehouse/runs/runTypes';

/** A run's state in words and a symbol (the colour only repeats them). */
export const RUN_STATUS: Record<RunStatus, { symbol: string; label: string }> = {
  success: { symbol: '✓', label: 'succeeded' },
  failed: { symbol: '✗', label: 'failed' },
  cancelled: { symbol: '–', label: 'cancelled' },
};

const KIND: Record<RunSummary['kind'], string> = { load: 'load and run', pipeline: 'pipeline run', rerun: 're-run', batch: 'load and run' };
const TRIGGER: Record<RunSummary['trigger'], string> = { user: 'you', demo: 'the demo', watch: 'a watched folder', cli: 'the command line' };

/** "re-run by you", "load and run of batch 1 by the demo" (every load is a batch: src/lakehouse/batches). */
export const runKind = (r: RunSummary) => `${KIND[r.kind]}${r.batchId !== undefined ? ` of batch ${r.batchId}` : ''} by ${TRIGGER[r.trigger]}`;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
export const startedText = (iso: string) => time.format(new Date(iso));

/** "after 1 retry" for a model that needed more than one try. */
export const retriedText = (attempts: number) => (attempts > 1 ? `after ${attempts - 1} ${attempts === 2 ? 'retry' : 'retries'}` : '');
