import { useCallback, useEffect, useState } from 'react';
import type { RunComparison } from '../../lakehouse/runs/compareRuns';
import { MAX_RETENTION, type RunDetail, type RunSummary, type RunTrends as Trends } from '../../lakehouse/runs/runTypes';
import type { LakehouseClient } from '../client/lakehouseClient';
import { runsApi } from './runsApi';
import { RunCompare } from './RunCompare';
import { RunDetailView } from './RunDetailView';
import { RunList } from './RunList';
import { RunTrends } from './RunTrends';
import { RunSettings } from './RunSettings';
import './runs.css';

interface Props {
  api: () => LakehouseClient;
  /** Changes after every load, run and re-run: the view reads the history again. */
  changed: unknown;
  /** The latest run's alert (useRunAlert), said at the top while it stands. */
  alert?: string;
  busy: boolean;
  /** After the history was cleared or trimmed. */
  onHistoryChanged: () => void;
}

/** The Runs view: the run history, one run opened, two compared, trend charts, retention and clearing. */
export default function RunsView({ api, changed, alert, busy, onHistoryChanged }: Props) {
  const [runs, setRuns] = useState<RunSummary[]>();
  const [trends, setTrends] = useState<Trends>();
  const [open, setOpen] = useState<number>();
  const [detail, setDetail] = useState<RunDetail>();
  const [compared, setCompared] = useState<number[]>([]);
  const [comparison, setComparison] = useState<RunComparison>();
  const [problem, setProblem] = useState<string>();

  const reload = useCallback(async () => {
    try {
      const list = await runsApi(api()).list();
      setRuns(list);
      setTrends(await runsApi(api()).trends());
      setProblem(await runsApi(api()).problem());
      setCompared((c) => c.filter((id) => list.some((r) => r.id === id)));
    } catch (e) {
      setProblem(`The run history could not be read: ${(e as Error).message}`);
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload, changed]);
  useEffect(() => {
    if (open === undefined) return setDetail(undefined);
    let current = true;
    void runsApi(api()).detail(open).then((d) => current && setDetail(d));
    return () => {
      current = false;
    };
  }, [api, open, runs]);

  const openRun = (id: number) => (setComparison(undefined), setOpen(id));
  const compare = async () => {
    const [a, b] = [...compared].sort((x, y) => x - y);
    setOpen(undefined);
    setComparison(await runsApi(api()).compare(a!, b!));
  };
  const historyChanged = async () => {
    setOpen(undefined);
    setComparison(undefined);
    await reload();
    onHistoryChanged();
  };

  if (!runs) return <p className="hint" role="status">Reading the run history…</p>;
  return (
    <div className="runs-view">
      {alert && (
        <p className="error run-alert" role="alert" data-testid="run-alert">
          <span aria-hidden="true">⚠ </span>
          {alert}
        </p>
      )}
      {problem && <p className="error">{problem}</p>}
      <RunSettings api={api} busy={busy} count={runs.length} max={MAX_RETENTION} onChanged={historyChanged} />
      {runs.length === 0 ? (
        <p className="hint">No runs yet: every load, pipeline run and re-run from now on is kept here, with the lakehouse.</p>
      ) : (
        <>
          <p className="hint" id="runs-hint">
            {runs.length} run{runs.length === 1 ? '' : 's'}, newest first. Open a run for its pipeline state and expectations, or tick two to compare them.
          </p>
          <RunList runs={runs} open={open} compared={compared} onOpen={openRun} onCompare={(id, on) => setCompared((c) => (on ? [...c, id] : c.filter((x) => x !== id)))} />
          <button type="button" className="primary" disabled={compared.length !== 2} onClick={() => void compare()} aria-describedby="runs-hint">
            Compare {compared.length === 2 ? `runs ${Math.min(...compared)} and ${Math.max(...compared)}` : 'two runs'}
          </button>
          {comparison && <RunCompare comparison={comparison} />}
          {detail && <RunDetailView key={detail.run.id} detail={detail} api={api} />}
          {trends && <RunTrends trends={trends} open={open} onOpen={openRun} />}
        </>
      )}
    </div>
  );
}
