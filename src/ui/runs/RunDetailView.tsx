import { useEffect, useMemo, useState } from 'react';
import type { Model } from '../../pipeline/model';
import type { PipelineRun } from '../../pipeline/runner';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { Layer } from '../../pipeline/layers';
import type { RunDetail } from '../../lakehouse/runs/runTypes';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatBytes, formatCount } from '../format';
import { DagGraph } from '../pipeline/DagGraph';
import { layoutDag } from '../pipeline/layoutDag';
import { nodeView } from '../pipeline/nodeState';
import { pipelineGraph } from '../pipeline/pipelineGraph';
import { ExpectationStatus } from '../quality/ExpectationStatus';
import { RUN_STATUS, retriedText, runKind, seconds, startedText } from './runText';

/**
 * One run: its figures, the DAG as the run left it (the pipeline view's graph, drawn from
 * the recorded models and tables instead of the live ones) and its expectations.
 */
export function RunDetailView({ detail, api }: { detail: RunDetail; api: () => LakehouseClient }) {
  const { run } = detail;
  const [models, setModels] = useState<Model[]>();
  const [selected, setSelected] = useState<string>();
  const [onlyProblems, setOnlyProblems] = useState(true);
  useEffect(() => {
    void api().pipelineModels().then(setModels);
  }, [api]);
  const graph = useMemo(() => (models ? pipelineGraph(models) : undefined), [models]);
  const layout = useMemo(() => (graph ? layoutDag(graph.nodes, graph.edges) : undefined), [graph]);
  // The recorded run in the shapes the pipeline view reads: its models as a PipelineRun, its tables as the table list.
  const views = useMemo(() => {
    const recorded: PipelineRun = { models: detail.models.map((m) => ({ ...m, depends_on: [] })), expectations: [], ok: run.status === 'success', milliseconds: run.pipelineMilliseconds };
    const tables: TableInfo[] = detail.tables.map((t) => ({ layer: t.layer as Layer, name: t.name, rows: t.rows, columns: [] }));
    return new Map((graph?.nodes ?? []).map((n) => [n.id, nodeView(n, recorded, undefined, tables)]));
  }, [graph, detail, run]);
  const model = detail.models.find((m) => m.name === selected);
  const expectations = detail.expectations.filter((e) => !onlyProblems || e.status === 'fail' || e.status === 'error');
  const status = RUN_STATUS[run.status];
  const layers = [...new Set(detail.tables.map((t) => t.layer))].map((layer) => ({ layer, rows: detail.tables.filter((t) => t.layer === layer).reduce((n, t) => n + t.rows, 0) }));

  return (
    <section className="run-detail" aria-labelledby="run-detail-title" data-testid="run-detail" data-run={run.id}>
      <h3 id="run-detail-title">
        Run {run.id}: {runKind(run)}, <span className={`run-status run-${run.status}`}>{status.label}</span>
      </h3>
      {run.problem && <p className={run.status === 'failed' ? 'error' : 'hint'}>{run.problem}</p>}
      <dl className="run-facts">
        <dt>Started</dt>
        <dd>{startedText(run.startedAt)}</dd>
        <dt>Duration</dt>
        <dd>
          {seconds(run.milliseconds)} (load {seconds(run.loadMilliseconds)}, pipeline {seconds(run.pipelineMilliseconds)})
        </dd>
        <dt>Files</dt>
        <dd>
          {run.files}
          {run.fileErrors ? `, ${run.fileErrors} could not be loaded` : ''}
        </dd>
        <dt>Rows</dt>
        <dd>
          {formatCount(run.rowsLoaded)} loaded, {formatCount(run.rowsBuilt)} built, {formatCount(Math.round(run.rowsPerSecond))} rows/s
        </dd>
        <dt>Quarantined rows</dt>
        <dd>{formatCount(run.quarantinedRows)}</dd>
        <dt>Models</dt>
        <dd>
          {run.modelsBuilt} built, {run.modelsFailed} failed, {run.modelsRetried} retried
        </dd>
        <dt>Expectations</dt>
        <dd>
          {run.expectationsPass} pass, {run.expectationsWarn} warnings, {run.expectationsFail} errors, {run.expectationsSkipped} skipped
        </dd>
        <dt>Peak memory</dt>
        <dd>{formatBytes(run.peakMemoryBytes)} held by DuckDB</dd>
      </dl>
      <table className="sources run-layers" data-testid="run-layers">
        <caption>Rows per layer after the run</caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr key={l.layer} data-layer={l.layer} data-rows={l.rows}>
              <td>{l.layer}</td>
              <td>{formatCount(l.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.models.length > 0 && graph && layout && (
        <>
          <h4>The pipeline as this run left it</h4>
          <p className="hint">Models a re-run did not rebuild show their state from before it. Choose a model for its tries and error.</p>
          <DagGraph nodes={graph.nodes} layout={layout} views={views} selected={selected} onSelect={setSelected} />
        </>
      )}
      {model && (
        <p className="run-model" data-testid="run-model" role="status">
          {model.name}: {model.status}
          {model.inRun ? '' : ' (not rebuilt by this run)'}, {formatCount(model.rows)} rows, {model.milliseconds} ms, {model.attempts} {model.attempts === 1 ? 'try' : 'tries'}
          {retriedText(model.attempts) && ` (succeeded ${retriedText(model.attempts)})`}
          {model.error ? ` — ${model.error}` : ''}
        </p>
      )}
      {detail.models.some((m) => m.attempts > 1) && (
        <ul className="run-retried" data-testid="run-retried">
          {detail.models
            .filter((m) => m.attempts > 1)
            .map((m) => (
              <li key={m.name}>
                {m.name} {m.status === 'success' ? `succeeded ${retriedText(m.attempts)}` : `failed after ${m.attempts} tries`}
              </li>
            ))}
        </ul>
      )}
      {detail.models.length > 0 && (
        <details className="run-models">
          <summary>The models as a list</summary>
          <table className="sources" data-testid="run-models">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">State</th>
                <th scope="col">Rows</th>
                <th scope="col">Time</th>
                <th scope="col">Tries</th>
              </tr>
            </thead>
            <tbody>
              {detail.models.map((m) => (
                <tr key={m.name} data-model={m.name} data-status={m.status} data-rows={m.rows} data-attempts={m.attempts} data-in-run={m.inRun}>
                  <td>{m.name}</td>
                  <td>
                    {m.status}
                    {m.inRun ? '' : ' (kept from before)'}
                  </td>
                  <td>{formatCount(m.rows)}</td>
                  <td>{m.inRun ? `${m.milliseconds} ms` : '—'}</td>
                  <td>{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {detail.expectations.length > 0 && (
        <section aria-labelledby="run-expectations-title">
          <h4 id="run-expectations-title">Expectations</h4>
          <label>
            <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only those not passing
          </label>
          {expectations.length === 0 ? (
            <p className="hint">Every expectation that ran passed.</p>
          ) : (
            <table className="sources" data-testid="run-expectations">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Expectation</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Failing rows</th>
                </tr>
              </thead>
              <tbody>
                {expectations.map((e) => (
                  <tr key={`${e.model} ${e.name}`}>
                    <td>{e.model}</td>
                    <td>{e.name}</td>
                    <td>{e.severity}</td>
                    <td>
                      <ExpectationStatus status={e.status} />
                    </td>
                    <td>{formatCount(e.failing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
