import { useCallback, useEffect, useRef, useState } from 'react';
import type { VersionDiff } from '../../lakehouse/versions/diffVersions';
import type { VersionEntry } from '../../lakehouse/versions/versionLog';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { VersionDiffGrid } from './VersionDiffGrid';
import { RollbackConfirm } from './RollbackConfirm';
import { VacuumForm } from './VacuumForm';
import './versions.css';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; versions: VersionEntry[]; error?: string };

const KIND: Record<VersionEntry['kind'], string> = { batch: 'load and run', rerun: 're-run', rollback: 'rollback' };

/**
 * A table's versions (each load and run, re-run and rollback that changed it) with rows
 * added, updated and deleted; two versions compared row by row; the whole lakehouse rolled
 * back to a version; old versions vacuumed. Every question is a typed worker operation.
 */
export function TableHistory({ table, api, onRestored }: { table: string; api: () => LakehouseClient; onRestored: () => void }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [diff, setDiff] = useState<{ status: 'working' } | { status: 'failed'; message: string } | { status: 'ready'; diff: VersionDiff }>();
  const [confirming, setConfirming] = useState<number>();
  const [notice, setNotice] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async () => {
    try {
      const h = await api().versionHistory(table);
      setLoad({ status: 'ready', versions: h.versions, error: h.error });
      const readable = h.versions.filter((v) => !v.vacuumed);
      setTo(readable[0]?.version);
      setFrom(readable[1]?.version ?? readable[0]?.version);
    } catch (e) {
      setLoad({ status: 'failed', message: (e as Error).message });
    }
  }, [api, table]);
  useEffect(() => {
    setDiff(undefined);
    setNotice(undefined);
    void refresh();
  }, [refresh]);

  const compare = async () => {
    if (from === undefined || to === undefined) return;
    setDiff({ status: 'working' });
    try {
      setDiff({ status: 'ready', diff: await api().diffVersions(table, from, to) });
    } catch (e) {
      setDiff({ status: 'failed', message: (e as Error).message });
    }
  };
  const rollback = async (version: number) => {
    setConfirming(undefined);
    setNotice(`Rolling the lakehouse back to version ${version}…`);
    try {
      const done = await api().rollbackTo(version);
      setNotice(`Rolled back to version ${version}: committed as version ${done.version} (${done.tables.length} tables restored). The versions in between stay in the history.`);
      setDiff(undefined);
      await refresh();
      onRestored();
    } catch (e) {
      setNotice(`The rollback did not happen: ${(e as Error).message}`);
    }
    heading.current?.focus();
  };

  return (
    <section className="table-history" aria-labelledby="history-title" data-testid="table-history">
      <h3 id="history-title" tabIndex={-1} ref={heading}>
        History of {table}
      </h3>
      {notice && (
        <p role="status" data-testid="history-notice">
          {notice}
        </p>
      )}
      {load.status === 'loading' ? (
        <p className="hint" role="status">Reading the versions…</p>
      ) : load.status === 'failed' ? (
        <p className="error" role="alert">Could not read the versions: {load.message}</p>
      ) : load.versions.length === 0 ? (
        <p className="hint">No version of {table} yet: each load and its pipeline run commits one.</p>
      ) : (
        <>
          {load.error && <p className="error" role="alert">{load.error}</p>}
          <p className="hint">
            Query a version in the SQL console: <code>FROM as_of('{table}', {load.versions[0]!.version})</code>.
          </p>
          <div className="history-scroll">
            <table className="sources history-table" data-testid="version-list">
              <caption className="history-sr-only">Versions of {table}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Committed</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Made by</th>
                  <th scope="col">Rows</th>
                  <th scope="col"><abbr title="rows added">+</abbr></th>
                  <th scope="col"><abbr title="rows updated">~</abbr></th>
                  <th scope="col"><abbr title="rows deleted">−</abbr></th>
                  <th scope="col"><span className="history-sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {load.versions.map((v) => {
                  const t = v.tables[0]!;
                  return (
                    <tr key={v.version} data-version={v.version} data-added={t.added} data-updated={t.updated} data-deleted={t.deleted} className={v.vacuumed ? 'vacuumed' : undefined}>
                      <th scope="row">{v.version}</th>
                      <td><time dateTime={v.committedAt}>{v.committedAt.replace('T', ' ').slice(0, 19)}</time></td>
                      <td className="num">{v.batch}</td>
                      <td>{KIND[v.kind]}{v.restoredFrom !== undefined ? ` to version ${v.restoredFrom}` : ''}{v.vacuumed ? ' (vacuumed)' : ''}</td>
                      <td className="num">{t.present ? formatCount(t.rows) : 'dropped'}</td>
                      <td className="num">{formatCount(t.added)}</td>
                      <td className="num">{formatCount(t.updated)}</td>
                      <td className="num">{formatCount(t.deleted)}</td>
                      <td>
                        {!v.vacuumed && v !== load.versions[0] && (
                          <button type="button" className="link" onClick={() => setConfirming(v.version)} aria-haspopup="dialog">
                            Roll back to version {v.version}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {confirming !== undefined && <RollbackConfirm version={confirming} onConfirm={() => void rollback(confirming)} onCancel={() => setConfirming(undefined)} />}
          <form
            className="history-compare"
            aria-label="Compare two versions"
            onSubmit={(e) => {
              e.preventDefault();
              void compare();
            }}
          >
            <VersionSelect label="From version" value={from} versions={load.versions} onChange={setFrom} />
            <VersionSelect label="To version" value={to} versions={load.versions} onChange={setTo} />
            <button type="submit" disabled={diff?.status === 'working'}>
              Show differences
            </button>
          </form>
          {diff?.status === 'working' && <p className="hint" role="status">Comparing…</p>}
          {diff?.status === 'failed' && <p className="error" role="alert">{diff.message}</p>}
          {diff?.status === 'ready' && <VersionDiffGrid diff={diff.diff} />}
          <VacuumForm api={api} onDone={refresh} />
        </>
      )}
    </section>
  );
}

function VersionSelect({ label, value, versions, onChange }: { label: string; value?: number; versions: VersionEntry[]; onChange: (v: number) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {versions
          .filter((v) => !v.vacuumed)
          .map((v) => (
            <option key={v.version} value={v.version}>
              {v.version}
            </option>
          ))}
      </select>
    </label>
  );
}
