import { useEffect, useState } from 'react';
import type { LineageNode } from '../../lakehouse/catalog/lineagePath';
import type { LakehouseClient } from '../client/lakehouseClient';
import '../pipeline/pipeline.css';

type State = { status: 'loading' } | { status: 'ready'; path?: LineageNode } | { status: 'failed'; message: string };

/** Where a column comes from: the path back through the models to bronze columns and their files. */
export function ColumnLineage({ table, column, api }: { table: string; column: string; api: () => LakehouseClient }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    api().lineagePath(table, column).then(
      (path) => live && setState({ status: 'ready', path }),
      (e: Error) => live && setState({ status: 'failed', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, table, column]);

  if (state.status === 'loading') return <p className="hint" role="status">Tracing {table}.{column}…</p>;
  if (state.status === 'failed') return <p className="error" role="alert">Could not trace {table}.{column}: {state.message}</p>;
  if (!state.path) return <p className="hint">The lineage of {table}.{column} is not known: only the columns of the shipped models are traced.</p>;
  const ends = bronzeEnds(state.path);
  return (
    <div className="column-lineage" data-testid="column-lineage">
      <p>
        {ends.length === 0
          ? `${table}.${column} reads no source column: it is computed in the model (a count or a constant).`
          : `${table}.${column} comes from ${ends.length} bronze column${ends.length === 1 ? '' : 's'}: ${ends.join(', ')}.`}
      </p>
      <p className="hint">Each column is computed from the columns indented under it (←), down to the bronze columns as loaded.</p>
      <ul className="lineage-tree" aria-label={`Lineage of ${table}.${column}`}>
        <LineageItem node={state.path} />
      </ul>
    </div>
  );
}

function LineageItem({ node }: { node: LineageNode }) {
  const layer = node.table.split('.')[0];
  return (
    <li data-lineage={`${node.table}.${node.column}`}>
      <span className="lineage-node">
        <span className={`layer-tag layer-${layer}`}>{layer}</span> {node.table.slice(layer!.length + 1)}.<strong>{node.column}</strong>
      </span>
      {node.files && (
        <span className="lineage-files">
          {' '}
          ← loaded from {node.files.length ? node.files.join(', ') : 'no file in this session'}
        </span>
      )}
      {node.sources.length > 0 && (
        <ul>
          {node.sources.map((s) => (
            <LineageItem key={`${s.table}.${s.column}`} node={s} />
          ))}
        </ul>
      )}
    </li>
  );
}

function bronzeEnds(node: LineageNode): string[] {
  const out = new Set<string>();
  const walk = (n: LineageNode) => (n.table.startsWith('bronze.') ? out.add(`${n.table}.${n.column}`) : n.sources.forEach(walk));
  walk(node);
  return [...out];
}
