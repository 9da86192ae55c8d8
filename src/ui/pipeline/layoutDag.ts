import dagre from '@dagrejs/dagre';

export interface DagNode {
  id: string;
}

export interface DagEdge {
  from: string;
  to: string;
}

export interface PlacedNode {
  id: string;
  /** Top-left corner, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  nodes: PlacedNode[];
  /** SVG path data per edge, from the upstream node to the downstream one. */
  edges: (DagEdge & { path: string })[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 58;

const MARGIN = 8;
/** A hidden node upstream of every source, so that the sources share the first column. */
const ROOT = '\u0000root';

/**
 * Places the nodes left to right in dependency order (dagre's layered layout). The
 * sources (nodes nothing points to) all go in the first column, where a reader looks
 * for them; dagre alone would put a source next to the one node that reads it.
 */
export function layoutDag(nodes: DagNode[], edges: DagEdge[]): Layout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, marginx: 0, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const known = edges.filter((e) => g.hasNode(e.from) && g.hasNode(e.to));
  for (const e of known) g.setEdge(e.from, e.to);
  const sources = nodes.filter((n) => !known.some((e) => e.to === n.id));
  g.setNode(ROOT, { width: 1, height: 1 });
  for (const s of sources) g.setEdge(ROOT, s.id, { weight: 100 });
  dagre.layout(g);
  // Drop the hidden node's column: shift everything left so the sources start at the margin.
  const left = Math.min(...nodes.map((n) => g.node(n.id).x! - NODE_WIDTH / 2)) - MARGIN;
  const right = Math.max(...nodes.map((n) => g.node(n.id).x! + NODE_WIDTH / 2)) + MARGIN;
  const shift = (p: { x: number; y: number }) => ({ x: p.x - left, y: p.y });
  return {
    nodes: nodes.map((n) => {
      const p = g.node(n.id);
      return { id: n.id, x: p.x! - NODE_WIDTH / 2 - left, y: p.y! - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT };
    }),
    edges: known.map((e) => ({ ...e, path: pathThrough((g.edge(e.from, e.to).points ?? []).map(shift)) })),
    width: Math.ceil(right - left),
    height: Math.ceil(g.graph().height ?? 0),
  };
}

/** A smooth path through dagre's points: straight ends, quadratic curves between midpoints. */
function pathThrough(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const f = (n: number) => n.toFixed(1);
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    d += ` Q${f(p.x)},${f(p.y)} ${f((p.x + next.x) / 2)},${f((p.y + next.y) / 2)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${f(last.x)},${f(last.y)}`;
}
