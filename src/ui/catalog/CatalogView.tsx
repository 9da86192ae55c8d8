import { useEffect, useMemo, useState } from 'react';
import type { CatalogTable } from '../../lakehouse/catalog/catalog';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { searchCatalog } from './catalogSearch';
import { CatalogTree, type CatalogSelection } from './CatalogTree';
import { ColumnLineage } from './ColumnLineage';
import './catalog.css';

type State = { status: 'loading' } | { status: 'ready'; tables: CatalogTable[] } | { status: 'failed'; message: string };

/** Layers, tables and columns with types, row counts, descriptions and PII tags; a column's lineage. */
export function CatalogView({ tables, api }: { tables: TableInfo[]; api: () => LakehouseClient }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<CatalogSelection>();
  // The table list changes when a load or a run changes the lakehouse: read the catalog again.
  useEffect(() => {
    let live = true;
    api().catalog().then(
      (t) => live && setState({ status: 'ready', tables: t }),
      (e: Error) => live && setState({ status: 'failed', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, tables]);
  const matches = useMemo(() => (state.status === 'ready' ? searchCatalog(state.tables, query) : []), [state, query]);

  if (state.status === 'loading') return <p className="hint" role="status">Reading the catalog…</p>;
  if (state.status === 'failed') return <p className="error" role="alert">Could not read the catalog: {state.message}</p>;
  const table = state.tables.find((t) => `${t.layer}.${t.name}` === selected?.table);
  return (
    <div className="catalog-view">
      <div className="catalog-side">
        <label className="catalog-search">
          Search tables and columns
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. revenue, zip, pii" />
        </label>
        <p className="hint catalog-count" role="status">
          {query.trim() ? `${matches.length} table${matches.length === 1 ? '' : 's'} found` : `${state.tables.length} tables`}
        </p>
        <CatalogTree matches={matches} searching={query.trim() !== ''} selected={selected} onSelect={setSelected} />
      </div>
      {table ? <TableDetail table={table} column={selected?.column} api={api} onSelect={setSelected} /> : <p className="hint">Choose a table or a column.</p>}
    </div>
  );
}

function TableDetail({ table, column, api, onSelect }: { table: CatalogTable; column?: string; api: () => LakehouseClient; onSelect: (s: CatalogSelection) => void }) {
  const id = `${table.layer}.${table.name}`;
  const col = table.columns.find((c) => c.name === column);
  if (col) {
    return (
      <section className="catalog-detail" aria-labelledby="catalog-detail-title" data-testid="catalog-detail">
        <h3 id="catalog-detail-title">
          {id}.{col.name}
        </h3>
        <dl className="catalog-facts">
          <dt>Type</dt>
          <dd data-testid="catalog-column-type">{col.type}</dd>
          <dt>Personal data</dt>
          <dd>{col.pii ? <span className="pii-tag">PII: {col.pii}</span> : 'not tagged'}</dd>
          <dt>Description</dt>
          <dd>{col.description ?? 'The model header says nothing about this column.'}</dd>
        </dl>
        <h4>Lineage</h4>
        {col.lineage ? (
          <ColumnLineage table={id} column={col.name} api={api} />
        ) : table.layer === 'bronze' ? (
          <p>A bronze column, loaded as is from {table.files.join(', ') || 'the files of this session'}.</p>
        ) : (
          <p className="hint">Lineage is traced for the columns of the silver and gold models.</p>
        )}
        <button type="button" className="link" onClick={() => onSelect({ table: id })}>
          Back to {id}
        </button>
      </section>
    );
  }
  return (
    <section className="catalog-detail" aria-labelledby="catalog-detail-title" data-testid="catalog-detail">
      <h3 id="catalog-detail-title">
        {id} <small data-testid="catalog-rows">{formatCount(table.rows)} rows</small>
      </h3>
      {table.description && <p>{table.description}</p>}
      {(table.grain || table.key.length > 0) && (
        <p className="hint">
          {table.grain && <>Grain: {table.grain}. </>}
          {table.key.length > 0 && <>Key: {table.key.join(', ')}.</>}
        </p>
      )}
      {table.files.length > 0 && <p>Files: {table.files.join(', ')}</p>}
      <table className="sources catalog-columns-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">PII</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {table.columns.map((c) => (
            <tr key={c.name}>
              <td>
                <button type="button" className="link" onClick={() => onSelect({ table: id, column: c.name })}>
                  {c.name}
                </button>
              </td>
              <td>{c.type}</td>
              <td>{c.pii ? <span className="pii-tag">{c.pii}</span> : ''}</td>
              <td>{c.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
