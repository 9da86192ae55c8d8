import type { Model } from '../../pipeline/model';
import type { PipelineRun } from '../../pipeline/runner';
import type { Layer } from '../../pipeline/layers';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { ArrowGrid } from '../tables/ArrowGrid';
import { ExpectationStatus } from '../quality/ExpectationStatus';
import { STATUS_TEXT, type NodeView } from './nodeState';
import type { GraphNode } from './pipelineGraph';
import { useArrowQuery } from './useArrowQuery';

interface Props {
  node: GraphNode;
  model?: Model;
  view: NodeView;
  run: PipelineRun;
  /** Models that "re-run from here" would rebuild besides this one. */
  descendants: string[];
  busy: boolean;
  api: () => LakehouseClient;
  onRerun: (model: string) => void;
}

const PREVIEW_ROWS = 20;

/** One node of the DAG: its state, documentation, SQL, expectations and first rows; re-run from here. */
export function ModelDetail({ node, model, view, run, descendants, busy, api, onRerun }: Props) {
  const expectations = run.expectations.filter((e) => e.model === node.id);
  const built = view.status === 'success' || view.status === 'loaded';
  // The key changes when the table is rebuilt, so the preview follows a re-run.
  const preview = useArrowQuery(built ? `${node.id}@${view.finishedAt ?? ''}` : undefined, () => api().previewIPC(node.layer as Layer, node.name, PREVIEW_ROWS));
  const status = STATUS_TEXT[view.status];
  return (
    <section className="model-detail" aria-labelledby="model-detail-title" data-testid="model-detail">
      <header className="model-detail-head">
        <h3 id="model-detail-title">{node.id}</h3>
        <p className={`model-detail-state status-${view.status}`} data-testid="model-detail-state">
          <span aria-hidden="true">{status.symbol}</span> {status.label}
          {view.rows !== undefined && <> · {formatCount(view.rows)} rows</>}
          {view.milliseconds !== undefined && <> · <span data-testid="model-detail-ms">{view.milliseconds} ms</span></>}
          {view.finishedAt && (
            <>
              {' '}
              · last run at <time dateTime={view.finishedAt} data-testid="model-detail-finished">{new Date(view.finishedAt).toLocaleTimeString()}</time>
            </>
          )}
        </p>
        {model && (
          <div className="model-detail-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => onRerun(node.id)} aria-describedby="rerun-scope">
              Re-run from here
            </button>
            <span id="rerun-scope" className="hint">
              {descendants.length === 0 ? `Rebuilds ${node.id} only.` : `Rebuilds ${node.id} and the ${descendants.length} model${descendants.length === 1 ? '' : 's'} that read it: ${descendants.join(', ')}.`}
            </span>
          </div>
        )}
      </header>
      {view.error && (
        <p className="error" role="alert">
          {view.status === 'skipped' ? 'Skipped' : 'Failed'}: {view.error}
        </p>
      )}
      {model ? (
        <>
          <p className="model-description">{model.description}</p>
          {(model.grain || model.key.length > 0) && (
            <p className="hint">
              {model.grain && <>Grain: {model.grain}. </>}
              {model.key.length > 0 && <>Key: {model.key.join(', ')}.</>}
            </p>
          )}
          <h4>Expectations</h4>
          {expectations.length === 0 ? (
            <p className="hint">{view.status === 'success' ? 'This model declares no expectations.' : 'Expectations run once the model is built.'}</p>
          ) : (
            // Scrolls on its own on a narrow screen instead of widening the page.
            <div className="model-expectations-scroll">
              <table className="sources model-expectations" data-testid="model-expectations">
                <thead>
                  <tr>
                    <th scope="col">Expectation</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Failing</th>
                  </tr>
                </thead>
                <tbody>
                  {expectations.map((e) => (
                    <tr key={e.name}>
                      <td>{e.name}</td>
                      <td>{e.severity}</td>
                      <td>
                        <ExpectationStatus status={e.status} />
                      </td>
                      <td>{e.status === 'error' ? e.message : formatCount(e.failing)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4 id="model-sql-title">SQL</h4>
          <pre className="model-sql" tabIndex={0} aria-labelledby="model-sql-title" data-testid="model-sql">
            <code>{model.sql}</code>
          </pre>
        </>
      ) : (
        <p className="model-description">A bronze table: the rows as loaded, read by the models it points to.</p>
      )}
      <h4>First rows</h4>
      {!built ? (
        <p className="hint">{node.id} has not been built, so there are no rows to show.</p>
      ) : preview?.status === 'failed' ? (
        <p className="error" role="alert">
          Could not read {node.id}: {preview.message}
        </p>
      ) : preview?.status === 'ready' ? (
        preview.data.numRows === 0 ? (
          <p className="hint">{node.id} is empty.</p>
        ) : (
          <ArrowGrid data={preview.data} label={`First rows of ${node.id}`} />
        )
      ) : (
        <p className="hint" role="status">
          Reading the first rows of {node.id}…
        </p>
      )}
    </section>
  );
}
