import type { Model } from '../../pipeline/model';

export interface GraphNode {
  /** `bronze.orders`, `silver.orders`, `gold.rfm` */
  id: string;
  kind: 'source' | 'model';
  layer: string;
  name: string;
}

export interface PipelineGraph {
  /** Bronze sources first, then the models in the order they run. */
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
}

/** The pipeline as a graph: a node per bronze table read and per model, an edge per reference. */
export function pipelineGraph(models: Model[]): PipelineGraph {
  const sources = [...new Set(models.flatMap((m) => m.references).filter((r) => r.startsWith('bronze.')))].sort();
  const node = (id: string, kind: GraphNode['kind']): GraphNode => {
    const [layer, ...rest] = id.split('.');
    return { id, kind, layer: layer!, name: rest.join('.') };
  };
  const ids = new Set([...sources, ...models.map((m) => m.id)]);
  return {
    nodes: [...sources.map((s) => node(s, 'source')), ...models.map((m) => node(m.id, 'model'))],
    edges: models.flatMap((m) => m.references.filter((r) => ids.has(r)).map((r) => ({ from: r, to: m.id }))),
  };
}
