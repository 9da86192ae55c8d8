import { useCallback, useEffect, useRef, useState } from 'react';
import { runAlert } from '../../lakehouse/runs/runAlert';
import type { RunSummary } from '../../lakehouse/runs/runTypes';
import type { LakehouseClient } from '../client/lakehouseClient';
import { runsApi } from './runsApi';
import { notify } from './runNotifications';

const TITLE = 'Pocket Lakehouse';

/**
 * The latest run and its alert, read again whenever a value of `changed` changes (a load, a run, a
 * re-run, a restore): while the latest run has failed, the tab's title says so; a failed
 * run that finishes while the page is open is also notified, when the user turned that on.
 */
export function useRunAlert(api: () => LakehouseClient, ready: boolean, changed: readonly unknown[]) {
  const [latest, setLatest] = useState<RunSummary>();
  /** The newest run id already seen: runs found at start-up are not notified again. */
  const seen = useRef<number>(undefined);
  const refresh = useCallback(async () => {
    const [run] = await runsApi(api()).list(1);
    setLatest(run);
    const alert = runAlert(run);
    document.title = alert ? `⚠ Run ${run!.id} ${run!.status} — ${TITLE}` : TITLE;
    if (seen.current !== undefined && run && run.id > seen.current && alert) notify(alert);
    seen.current = Math.max(seen.current ?? 0, run?.id ?? 0);
  }, [api]);
  useEffect(() => {
    if (ready) void refresh().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `changed` is a fixed list of values
  }, [ready, refresh, ...changed]);
  return { latest, alert: runAlert(latest), refresh };
}
