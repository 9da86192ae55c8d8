import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineInfo } from '../engine/interface';
import type { BundleChoice } from '../engine/wasm/browserWasmEngine';
import type { IngestReport } from '../ingest/loadFiles';
import type { LoadProgress } from '../ingest/progress';
import type { ChartId } from '../lakehouse/dashboard/chartId';
import type { DashboardFilter } from '../lakehouse/dashboard/dashboardFilter';
import type { PickedFile } from '../lakehouse/lakehouseService';
import type { TableInfo } from '../lakehouse/tableInfo';
import type { RunTrigger as LoadTrigger } from '../lakehouse/runs/runTypes';
import type { WindowRequest } from '../lakehouse/grid/gridTypes';
import type { ModelRun, PipelineRun } from '../pipeline/runner';
import { modelStatesAfter, type ModelState } from './report/modelStates';
import { Comlink, createLakehouseClient, type LakehouseClient } from './client/lakehouseClient';
import type { ExportFormat } from '../lakehouse/export/exportTable';
import type { PublishProgress } from '../lakehouse/policies/publishInBrowser';
import { restoreSaved, saveToBrowser, type SavedState } from './persistence/savedState';
import type { StorageUse } from '../lakehouse/storage/storedLakehouse';
import { applyFaultFlag } from './runs/faultFlag';

/** What started a load: the user (pick, drop, demo) or a watched folder's batch; for the run history. */
/** Who started a load: the user (picker, drop, demo) or the watched folder (src/ui/watch). */
export type RunTrigger = Extract<LoadTrigger, 'user' | 'watch'>;

export type EngineState = { status: 'starting' } | { status: 'ready'; info: EngineInfo } | { status: 'failed'; message: string };

/** How long a save after a run that lands on the dashboard waits for the dashboard's first rows. */
const SAVE_WAITS_FOR_DASHBOARD_MS = 5000;

/** True when a run built at least one gold model: there is a dashboard to show. */
const builtGold = (run: PipelineRun | undefined) => run?.models.some((m) => m.layer === 'gold' && m.status === 'success') ?? false;

/**
 * The page's view of the worker: engine state, the current load and the table list.
 * `onLanding` is called once gold is built by the demo or by the first load that builds
 * it, so the page can show the dashboard; later loads leave the view alone.
 */
export function useLakehouse(bundle: BundleChoice, onLanding?: () => void, storage: StorageUse = 'stored') {
  const client = useRef<LakehouseClient>(undefined);
  const [engine, setEngine] = useState<EngineState>({ status: 'starting' });
  const [progress, setProgress] = useState<LoadProgress>();
  const [report, setReport] = useState<IngestReport>();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [pipeline, setPipeline] = useState<PipelineRun>();
  const [modelling, setModelling] = useState<ModelState[]>();
  // The run under way has built its models and is running their checks.
  const [checking, setChecking] = useState(false);
  // The run under way has drawn its first charts (it builds gold in order of need, lakehouse/firstChart): the dashboard shows while it goes on.
  const [firstCharts, setFirstCharts] = useState(false);
  // Changes whenever gold was rebuilt (or restored): the dashboard asks again.
  const [dashboardRun, setDashboardRun] = useState(0);
  const [error, setError] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const [saved, setSaved] = useState<SavedState>({ status: 'checking' });
  // Why this tab stores nothing (storage full or damaged, another tab has it), from start-up
  // until a reset: saves then store nothing, and the notice must stay rather than vanish.
  const notStored = useRef<SavedState>(undefined);
  const orNotStored = (state: SavedState) => (state.status === 'none' && notStored.current) || state;
  // What started the current (or last) load, so the runs it makes can say so.
  const [trigger, setTrigger] = useState<RunTrigger>();
  // Read inside the memoised load callbacks, which must not change on every run.
  const pipelineNow = useRef<PipelineRun>(undefined);
  pipelineNow.current = pipeline;
  const landing = useRef(onLanding);
  landing.current = onLanding;

  useEffect(() => {
    const c = createLakehouseClient();
    client.current = c;
    c.start(bundle, storage).then(
      async (info) => {
        await applyFaultFlag(c);
        // A lakehouse saved in this browser comes back before anything else can be loaded.
        const restored = await restoreSaved(c);
        if (restored.session) (setReport(restored.session.ingest), setPipeline(restored.session.pipeline), setTables(restored.tables ?? []));
        if (restored.saved.status === 'damaged' || restored.saved.status === 'elsewhere') notStored.current = restored.saved;
        setSaved(restored.saved);
        setEngine({ status: 'ready', info });
      },
      (e: Error) => setEngine({ status: 'failed', message: e.message }),
    );
    return () => c[Comlink.releaseProxy]();
  }, [bundle, storage]);

  // Resolved when the dashboard's first rows arrive: a save started before would queue its
  // table exports in the worker ahead of the dashboard's queries and delay the first chart.
  const dashboardAnswered = useRef<() => void>(undefined);

  // After a full run or a re-run: show it, list the tables, and save them in the background
  // (the worker makes the next load wait until the save is done). When the page is about to
  // show the dashboard, the save waits for its first rows (at most a few seconds).
  const afterRun = useCallback(async (c: LakehouseClient, pipelineRun: PipelineRun, showingDashboard = false, drawnEarly = false) => {
    const answered = showingDashboard ? new Promise<void>((resolve) => ((dashboardAnswered.current = resolve), setTimeout(resolve, SAVE_WAITS_FOR_DASHBOARD_MS))) : Promise.resolve();
    setPipeline(pipelineRun);
    // Charts drawn during the run are this run's already: they are not asked for again.
    if (!drawnEarly) setDashboardRun((n) => n + 1);
    setModelling(undefined);
    setChecking(false);
    setTables(await c.tables());
    // When the dashboard came first, the worker writes the run's version and record before the save.
    setSaved(notStored.current ?? { status: 'saving', recording: showingDashboard });
    void answered
      .then(() => saveToBrowser(c))
      .then((state) => {
        setSaved(orNotStored(state));
        // Ask once there is something to keep; a refusal changes nothing but the notice in Export & storage.
        if (state.status === 'saved') void navigator.storage?.persist?.().catch(() => false);
      });
  }, []);

  const run = useCallback(async (work: (c: LakehouseClient, onProgress: (p: LoadProgress) => void) => Promise<IngestReport>, alwaysLand = false, by: RunTrigger = 'user') => {
    const c = client.current;
    if (!c) return;
    setTrigger(by);
    const hadGold = builtGold(pipelineNow.current);
    setError(undefined);
    setCancelling(false);
    setProgress({ phase: 'reading', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rowsLoaded: 0 });
    try {
      const r = await work(c, Comlink.proxy((p: LoadProgress) => setProgress({ ...p })));
      setReport(r);
      setTables(await c.tables());
      setProgress(undefined);
      if (r.cancelled) return; // nothing new to model: the notice says what was kept
      setModelling([]);
      // A run that will land on the dashboard builds in order of need: it lands once the first charts can be drawn, and
      // goes on with the other models, the checks, the other charts, then its version and run record (lakehouse/firstChart).
      const dashboardFirst = alwaysLand || !hadGold;
      let drawnEarly = false;
      const onFirstCharts = () => {
        // For bench/firstChart.ts: when the page heard the first charts can be drawn.
        performance.mark('first-charts');
        drawnEarly = true;
        setDashboardRun((n) => n + 1);
        setFirstCharts(true);
        landing.current?.();
      };
      const pipelineRun = await c.runPipeline(
        ...modelListeners(setModelling),
        dashboardFirst ? 'dashboard first' : 'bookkeeping first',
        Comlink.proxy(() => setChecking(true)),
        Comlink.proxy(onFirstCharts),
      );
      const lands = builtGold(pipelineRun) && dashboardFirst;
      if (lands && !drawnEarly) landing.current?.();
      await afterRun(c, pipelineRun, lands, drawnEarly);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(undefined);
      setModelling(undefined);
      setChecking(false);
      setFirstCharts(false);
      setCancelling(false);
    }
  }, []);
  // Stops the load or run between its steps; the worker keeps only what is whole.
  const cancel = useCallback(() => {
    setCancelling(true);
    void client.current?.cancel();
  }, []);

  // "Re-run from here" (pipeline view): the model and its descendants, with the same progress.
  const rerunFrom = useCallback(async (model: string) => {
    const c = client.current;
    if (!c) return;
    setError(undefined);
    setModelling([]);
    try {
      await afterRun(c, (await c.rerunFrom(model, ...modelListeners(setModelling))).run);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setModelling(undefined);
    }
  }, []);
  /** The worker, for views that ask it their own questions (catalog, quality). */
  const api = useCallback(() => client.current!, []);

  const loadFiles = useCallback((files: PickedFile[], by: RunTrigger = 'user') => run((c, p) => c.loadPicked(files, p, by), false, by), [run]);
  const loadDemo = useCallback((sf: number) => run((c, p) => c.loadDemo(sf, p), true), [run]);
  const gridWindow = useCallback((request: WindowRequest) => client.current!.gridWindow(request), []);
  const runSql = useCallback((sql: string) => client.current!.runSql(sql), []);
  const cancelSql = useCallback(() => client.current!.cancelSql(), []);
  const consoleChartRows = useCallback((fields: string[]) => client.current!.consoleChartRows(fields), []);
  // After console statements: they may have created, changed or dropped tables.
  const refreshTables = useCallback(async () => setTables(await client.current!.tables()), []);
  // After a rollback (versions/, which saved it): other tables, a new pipeline identity so that the dashboard asks again, the save's notice.
  const versionRestored = useCallback(async (): Promise<TableInfo[]> => {
    const c = client.current!;
    const now = await c.tables();
    setTables(now);
    setPipeline((p) => p && { ...p });
    setDashboardRun((n) => n + 1);
    setSaved(orNotStored(await saveToBrowser(c)));
    return now;
  }, []);
  // New functions per pipeline run, so that the dashboard re-queries when gold is rebuilt.
  const dashboard = useCallback(
    (filter: DashboardFilter, charts: ChartId[]) =>
      client.current!.dashboard(filter, charts).finally(() => {
        dashboardAnswered.current?.();
        dashboardAnswered.current = undefined;
      }),
    [dashboardRun],
  );
  const dashboardOptions = useCallback(() => client.current!.dashboardOptions(), [dashboardRun]);

  const exportTable = useCallback((t: TableInfo, format: ExportFormat) => client.current!.exportTable(t.layer, t.name, format), []);
  const exportLakehouse = useCallback(() => client.current!.exportLakehouse(), []);
  // Vega is heavy: the report's renderer is fetched when a report is asked for.
  const publishPolicies = useCallback((policiesText: string, onProgress: (p: PublishProgress) => void) => client.current!.publishPolicies(policiesText, Comlink.proxy(onProgress)), []);
  const htmlReport = useCallback(async () => (await import('./export/buildReport')).buildReport(client.current!), [pipeline]);
  /** Clears the lakehouse in the worker and in browser storage. */
  const reset = useCallback(async () => {
    try {
      await client.current!.resetAll();
      if (notStored.current?.status === 'damaged') notStored.current = undefined;
      (setReport(undefined), setPipeline(undefined), setTables([]), setError(undefined), setSaved(notStored.current ?? { status: 'none' }));
    } catch (e) {
      setError(`Reset did not finish: ${(e as Error).message}. Reload the page and try again, or clear this site's data in the browser settings.`);
    }
  }, []);

  return { engine, progress, modelling, checking, firstCharts, report, pipeline, trigger, tables, error, cancelling, cancel, loadFiles, loadDemo, gridWindow, runSql, cancelSql, consoleChartRows, refreshTables, versionRestored, dashboard, dashboardOptions, rerunFrom, api, saved, exportTable, exportLakehouse, htmlReport, publishPolicies, reset };
}

/** The plan and per-model callbacks of a run, feeding the model states the progress shows. */
function modelListeners(setModelling: (update: (states: ModelState[] | undefined) => ModelState[]) => void) {
  return [
    Comlink.proxy((ids: string[]) => setModelling(() => modelStatesAfter(ids.map((name) => ({ name, status: 'pending' }))))),
    Comlink.proxy((m: ModelRun) => setModelling((states) => modelStatesAfter(states ?? [], m))),
  ] as const;
}
