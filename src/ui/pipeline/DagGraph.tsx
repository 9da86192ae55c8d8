import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount } from '../format';
import type { Layout, PlacedNode } from './layoutDag';
import { STATUS_TEXT, type NodeView } from './nodeState';
import type { GraphNode } from './pipelineGraph';

interface Props {
  nodes: GraphNode[];
  layout: Layout;
  views: Map<string, NodeView>;
  selected?: string;
  onSelect: (id: string) => void;
}

const DIRECTIONS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

/**
 * The DAG drawn from dagre's layout: edges as SVG paths, nodes as buttons on top (one tab
 * stop; the arrow keys move to the nearest node in that direction, Home/End to the first
 * and last). The selected node's edges are drawn darker.
 */
export function DagGraph({ nodes, layout, views, selected, onSelect }: Props) {
  const [focused, setFocused] = useState<string>();
  const canvas = useRef<HTMLDivElement>(null);
  const placed = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  const tabStop = focused ?? selected ?? nodes[0]?.id;

  const move = (event: KeyboardEvent, from: string) => {
    const here = placed.get(from)!;
    let target: PlacedNode | undefined;
    if (event.key === 'Home') target = layout.nodes[0];
    else if (event.key === 'End') target = layout.nodes[layout.nodes.length - 1];
    else if (DIRECTIONS[event.key]) target = nearest(here, layout.nodes, DIRECTIONS[event.key]!);
    else return;
    event.preventDefault();
    if (!target) return;
    setFocused(target.id);
    canvas.current?.querySelector<HTMLElement>(`[data-node="${CSS.escape(target.id)}"]`)?.focus();
  };

  return (
    <div className="dag-scroll">
      <div className="dag-canvas" ref={canvas} style={{ width: layout.width, height: layout.height }} role="group" aria-label="Pipeline graph: arrow keys move between tables, Enter opens one">
        <svg width={layout.width} height={layout.height} aria-hidden="true" focusable="false">
          <defs>
            <marker id="dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <path key={`${e.from}->${e.to}`} d={e.path} className={selected === e.from || selected === e.to ? 'dag-edge active' : 'dag-edge'} markerEnd="url(#dag-arrow)" data-edge={`${e.from}->${e.to}`} />
          ))}
        </svg>
        {nodes.map((node) => {
          const p = placed.get(node.id)!;
          const view = views.get(node.id)!;
          const status = STATUS_TEXT[view.status];
          return (
            // The button's name is its visible text (layer, name, state, rows, time), as WCAG 2.5.3 asks.
            <button
              key={node.id}
              type="button"
              className={`dag-node kind-${node.kind} status-${view.status}`}
              style={{ left: p.x, top: p.y, width: p.width, height: p.height }}
              data-node={node.id}
              data-status={view.status}
              data-ms={view.milliseconds}
              data-rows={view.rows}
              data-finished={view.finishedAt}
              aria-pressed={selected === node.id}
              tabIndex={tabStop === node.id ? 0 : -1}
              onFocus={() => setFocused(node.id)}
              onKeyDown={(e) => move(e, node.id)}
              onClick={() => onSelect(node.id)}
            >
              <span className="dag-node-name" title={node.id}>
                <span className={`layer-tag layer-${node.layer}`}>{node.layer}</span> {node.name}
              </span>
              <span className="dag-node-facts">
                <span className="dag-node-status">
                  <span aria-hidden="true">{status.symbol}</span> {status.label}
                </span>
                {view.rows !== undefined && <span>{formatCount(view.rows)} rows</span>}
                {view.milliseconds !== undefined && <span>{view.milliseconds} ms</span>}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** The node closest in a direction: distance along it, plus twice the distance across it. */
function nearest(from: PlacedNode, nodes: PlacedNode[], [dx, dy]: [number, number]): PlacedNode | undefined {
  const cx = (n: PlacedNode) => n.x + n.width / 2;
  const cy = (n: PlacedNode) => n.y + n.height / 2;
  let best: PlacedNode | undefined;
  let bestScore = Infinity;
  for (const n of nodes) {
    const along = (cx(n) - cx(from)) * dx + (cy(n) - cy(from)) * dy;
    if (n === from || along <= 1) continue;
    const across = Math.abs((cx(n) - cx(from)) * dy) + Math.abs((cy(n) - cy(from)) * dx);
    const score = along + 2 * across;
    if (score < bestScore) (best = n), (bestScore = score);
  }
  return best;
}
