import { describe, expect, it } from 'vitest';
import { topologicalOrder } from '../../pipeline/dag';
import { parseModel } from '../../pipeline/model';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { pipelineGraph } from './pipelineGraph';
import { layoutDag } from './layoutDag';

describe('layoutDag', () => {
  const graph = pipelineGraph(topologicalOrder(bundledModelFiles.map(parseModel)));
  const layout = layoutDag(graph.nodes, graph.edges);
  const at = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('places every model and bronze source, each upstream node left of what reads it', () => {
    expect(layout.nodes).toHaveLength(graph.nodes.length);
    expect(graph.nodes.filter((n) => n.kind === 'model')).toHaveLength(21);
    for (const e of graph.edges) expect(at(e.from).x, `${e.from} -> ${e.to}`).toBeLessThan(at(e.to).x);
    expect(layout.edges).toHaveLength(graph.edges.length);
    for (const e of layout.edges) expect(e.path).toMatch(/^M[\d.]+,[\d.]+ .*L[\d.]+,[\d.]+$/);
  });

  it('puts every bronze source in the first column', () => {
    const sources = layout.nodes.filter((n) => n.id.startsWith('bronze.'));
    expect(sources).toHaveLength(9);
    expect(new Set(sources.map((n) => n.x))).toEqual(new Set([Math.min(...layout.nodes.map((n) => n.x))]));
    expect(sources[0]!.x).toBe(8);
  });

  it('keeps nodes apart and inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });
});
