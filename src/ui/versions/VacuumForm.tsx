import { useId, useState } from 'react';
import type { VersionsVacuumed } from '../../lakehouse/versions/versionOperations';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatBytes, formatCount } from '../format';

/** Retention: keep the versions of the last N batches; says what went and what the file did. */
export function VacuumForm({ api, onDone }: { api: () => LakehouseClient; onDone: () => void }) {
  const id = useId();
  const [keep, setKeep] = useState(2);
  const [state, setState] = useState<{ status: 'working' } | { status: 'failed'; message: string } | { status: 'done'; result: VersionsVacuumed }>();
  const vacuum = async () => {
    setState({ status: 'working' });
    try {
      setState({ status: 'done', result: await api().vacuumVersions(keep) });
      onDone();
    } catch (e) {
      setState({ status: 'failed', message: (e as Error).message });
    }
  };
  return (
    <form
      className="history-vacuum"
      aria-label="Vacuum old versions"
      onSubmit={(e) => {
        e.preventDefault();
        void vacuum();
      }}
    >
      <label htmlFor={id}>Keep the versions of the last</label>{' '}
      <input id={id} type="number" min={1} step={1} value={keep} onChange={(e) => setKeep(Math.max(1, Math.floor(Number(e.target.value) || 1)))} /> batches{' '}
      <button type="submit" disabled={state?.status === 'working'}>
        Vacuum older versions
      </button>
      {state?.status === 'working' && <p role="status">Vacuuming…</p>}
      {state?.status === 'failed' && <p className="error" role="alert">{state.message}</p>}
      {state?.status === 'done' && <p role="status" data-testid="vacuum-result">{vacuumText(state.result)}</p>}
    </form>
  );
}

function vacuumText(r: VersionsVacuumed): string {
  const file = r.before.fileBytes > 0 ? ` The database file was ${formatBytes(r.before.fileBytes)} and is ${formatBytes(r.after.fileBytes)} after its checkpoint (in use: ${formatBytes(r.before.usedBytes)} → ${formatBytes(r.after.usedBytes)}); DuckDB reuses freed blocks for later writes rather than shrinking the file.` : '';
  return `Versions before ${r.oldestKept} vacuumed: ${formatCount(r.rowsRemoved)} row versions removed, about ${formatBytes(r.estimatedBytesFreed)} of data.${file}`;
}
