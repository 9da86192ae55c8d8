import type { PipelineRun } from '../../pipeline/runner';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { ModelState } from '../report/modelStates';
import type { GraphNode } from './pipelineGraph';

export type NodeStatus = ModelState['status'] | 'loaded' | 'missing';

/** What a node shows: its state in words (never colour alone), rows, time. */
export interface NodeView {
  status: NodeStatus;
  rows?: number;
  milliseconds?: number;
  finishedAt?: string;
  error?: string;
}

/** Words and a symbol per state; the colour (Okabe–Ito, in pipeline.css) only repeats them. */
export const STATUS_TEXT: Record<NodeStatus, { label: string; symbol: string }> = {
  success: { label: 'done', symbol: '✓' },
  failed: { label: 'failed', symbol: '✗' },
  skipped: { label: 'skipped', symbol: '–' },
  running: { label: 'running', symbol: '▶' },
  pending: { label: 'waiting', symbol: '…' },
  loaded: { label: 'loaded', symbol: '✓' },
  missing: { label: 'not loaded', symbol: '–' },
};

/** A node's state: a model's from the run in progress if it is part of it, else from the last run; a source's from the tables. */
export function nodeView(node: GraphNode, run: PipelineRun, modelling: ModelState[] | undefined, tables: TableInfo[]): NodeView {
  if (node.kind === 'source') {
    const table = tables.find((t) => t.layer === node.layer && t.name === node.name);
    return table ? { status: 'loaded', rows: table.rows } : { status: 'missing' };
  }
  const live = modelling?.find((s) => s.name === node.id);
  if (live && live.status !== 'success' && live.status !== 'failed' && live.status !== 'skipped') return { status: live.status };
  const m = run.models.find((r) => r.name === node.id);
  if (!m) return { status: 'pending' };
  return { status: m.status, rows: m.rows, milliseconds: m.milliseconds, finishedAt: m.finished_at, error: m.error };
}
