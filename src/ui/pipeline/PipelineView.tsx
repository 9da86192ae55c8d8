import { useEffect, useMemo, useState } from 'react';
import { rerunSet } from '../../pipeline/dag';
import type { Model } from '../../pipeline/model';
import type { PipelineRun } from '../../pipeline/runner';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import type { ModelState } from '../report/modelStates';
import { DagGraph } from './DagGraph';
import { layoutDag } from './layoutDag';
import { ModelDetail } from './ModelDetail';
import { nodeView, STATUS_TEXT } from './nodeState';
import { pipelineGraph } from './pipelineGraph';
import './pipeline.css';

interface Props {
  run: PipelineRun;
  /** The models of a run in progress, with their states. */
  modelling?: ModelState[];
  tables: TableInfo[];
  busy: boolean;
  api: () => LakehouseClient;
  onRerun: (model: string) => void;
}

/** The model DAG with each node's state, rows and time; a node opens its SQL, expectations and rows. */
export function PipelineView({ run, modelling, tables, busy, api, onRerun }: Props) {
  const [models, setModels] = useState<Model[]>();
  const [failed, setFailed] = useState<string>();
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    api().pipelineModels().then(setModels, (e: Error) => setFailed(e.message));
  }, [api]);
  const graph = useMemo(() => (models ? pipelineGraph(models) : undefined), [models]);
  const layout = useMemo(() => (graph ? layoutDag(graph.nodes, graph.edges) : undefined), [graph]);
  const views = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, nodeView(n, run, modelling, tables)])), [graph, run, modelling, tables]);

  if (failed) return <p className="error" role="alert">Could not read the models: {failed}. Reload the page to try again.</p>;
  if (!graph || !layout || !models) return <p className="hint" role="status">Laying out the pipeline…</p>;
  const node = graph.nodes.find((n) => n.id === selected);
  const modelNodes = graph.nodes.filter((n) => n.kind === 'model');
  // What "re-run from here" will rebuild besides the model: the worker runs the same set.
  const downstream = (id: string) => (models.some((m) => m.id === id) ? rerunSet(models, id).slice(1) : []);

  return (
    <div className="pipeline-view">
      <p className="hint">
        {modelNodes.length} models read {graph.nodes.length - modelNodes.length} bronze tables. Choose a table for its SQL, expectations and first rows.
      </p>
      <DagGraph nodes={graph.nodes} layout={layout} views={views} selected={selected} onSelect={setSelected} />
      <details className="dag-list">
        <summary>The models as a list, in the order they run</summary>
        <ol>
          {modelNodes.map((n) => {
            const v = views.get(n.id)!;
            const model = models.find((m) => m.id === n.id)!;
            return (
              <li key={n.id}>
                <button type="button" className="link" aria-pressed={selected === n.id} onClick={() => setSelected(n.id)}>
                  {n.id}
                </button>{' '}
                — {STATUS_TEXT[v.status].label}
                {v.rows !== undefined ? `, ${formatCount(v.rows)} rows` : ''}
                {v.milliseconds !== undefined ? `, ${v.milliseconds} ms` : ''}; reads {model.references.join(', ') || 'nothing'}
              </li>
            );
          })}
        </ol>
      </details>
      {node ? (
        <ModelDetail
          key={node.id}
          node={node}
          model={models.find((m) => m.id === node.id)}
          view={views.get(node.id)!}
          run={run}
          descendants={downstream(node.id)}
          busy={busy}
          api={api}
          onRerun={onRerun}
        />
      ) : (
        <p className="hint">No table chosen yet.</p>
      )}
    </div>
  );
}
