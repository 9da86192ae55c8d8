import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { BundleChoice } from '../engine/wasm/browserWasmEngine';
import type { TableInfo } from '../lakehouse/tableInfo';
import { collectDropped } from './load/collectDropped';
import { DEMO_SCALE } from './load/demoScale';
import { LoadPanel } from './load/LoadPanel';
import { ProgressView } from './load/ProgressView';
import { useWindowDrop } from './load/useWindowDrop';
import { CatalogView } from './catalog/CatalogView';
import { PipelineView } from './pipeline/PipelineView';
import { QualityView } from './quality/QualityView';
import { LoadNotices } from './cancel/LoadNotices';
import { IngestSummary } from './report/IngestSummary';
import { ModelProgress } from './report/ModelProgress';
import { PipelineSummary } from './report/PipelineSummary';
import { TableList, tableKey } from './tables/TableList';
import { TablePreview } from './tables/TablePreview';
import { ConsolePanel } from './console/ConsolePanel';
import type { GridWindow } from '../lakehouse/grid/gridTypes';
import { firstBlock } from './grid/firstBlock';
import { useLakehouse, type EngineState } from './useLakehouse';
import { TableExportButtons } from './export/TableExportButtons';
import { SavedDataNotice } from './persistence/SavedDataNotice';
import { isPersisting } from './persistence/savedState';
import { useUrlView } from './views/useUrlState';
import { StatusArea } from './shell/StatusArea';
import { preloadedLazy } from './shell/preloadedLazy';
import { UpdatePrompt } from './shell/UpdatePrompt';
import { useSettledOnce } from './shell/useSettledOnce';
import { ViewPanel, ViewTabs } from './views/ViewTabs';
import type { StorageUse } from '../lakehouse/storage/storedLakehouse';
import { usePredictions } from './predictions/usePredictions';
import { HistoryToggle } from './versions/HistoryToggle';
import { useRunAlert } from './runs/useRunAlert';
import { WatchPanel } from './watch/WatchPanel';
import { useWatchedFolder } from './watch/useWatchedFolder';

// Vega and Vega-Lite are large: the dashboard is its own chunk, fetched once data is loading.
const { Component: Dashboard, preload: loadDashboard } = preloadedLazy(() => import('./dashboard/Dashboard'));
const ExportPanel = lazy(() => import('./export/ExportPanel'));
const GovernanceView = lazy(() => import('./governance/GovernanceView'));
const PredictionsView = lazy(() => import('./predictions/PredictionsView'));
const RunsView = lazy(() => import('./runs/RunsView'));

export { DEMO_SCALE };

const params = new URLSearchParams(location.search);
const bundle = (params.get('bundle') as BundleChoice | null) ?? 'auto';
// ?storage=memory: keep nothing in this browser (a shared computer); the lakehouse lives in the tab only.
const storage: StorageUse = params.get('storage') === 'memory' ? 'memory' : 'stored';

export function App() {
  const [view, setView] = useUrlView();
  // A view chosen in the URL (`?view=pipeline`) is kept; the default lands on the dashboard.
  const lake = useLakehouse(bundle, () => setView(view === 'tables' ? 'dashboard' : view), storage);
  const [selected, setSelected] = useState<{ table: TableInfo; first: GridWindow }>();
  const busy = lake.engine.status !== 'ready' || lake.progress !== undefined || lake.modelling !== undefined || isPersisting(lake.saved);

  const onDrop = useCallback(
    (items: DataTransferItemList) => {
      if (!busy) void collectDropped(items).then(lake.loadFiles);
    },
    [busy, lake.loadFiles],
  );
  const dragging = useWindowDrop(onDrop);
  // Kept here, not in the panel: the panel moves into the status strip once data is loaded.
  const watch = useWatchedFolder(busy, lake.loadFiles);
  const open = async (table: TableInfo) => setSelected({ table, first: await lake.gridWindow(firstBlock(table)) });
  // After a rollback: the selected table as it is now (or none, when the version did not have it), its grid drawn anew.
  const [restores, setRestores] = useState(0);
  const reopen = async (tables: TableInfo[]) => {
    const now = selected && tables.find((t) => tableKey(t) === tableKey(selected.table));
    // The new first block and the new key land together, so the grid starts from the new rows.
    setSelected(now && { table: now, first: await lake.gridWindow(firstBlock(now)) });
    setRestores((n) => n + 1);
  };

  const predictions = usePredictions(lake.api, lake.pipeline, lake.refreshTables);
  // The Predictions view links to its scored gold tables in the Tables tab.
  const openGold = (name: string) => {
    const table = lake.tables.find((t) => t.layer === 'gold' && t.name === name);
    if (table) (setView('tables'), void open(table));
  };
  const hasTables = lake.tables.length > 0;
  // The latest run's alert (tab title, Runs view): read again after every load, run and re-run.
  const runs = useRunAlert(lake.api, lake.engine.status === 'ready' && !isPersisting(lake.saved), [lake.pipeline, lake.report]);
  useEffect(() => {
    // Fetched and warmed once data is loading: the first chart then draws without Vega's cold start.
    if (hasTables) void loadDashboard().then((m) => m.warmUpCharts());
    else setSelected(undefined);
  }, [hasTables]);
  // The offline cache fills once the app has been idle a moment (scripts/pwaOptions.mjs).
  const installOffline = useSettledOnce(lake.engine.status === 'ready' && !busy, 3000);
  const loadDemo = () => lake.loadDemo(DEMO_SCALE);
  const resetSaved = () => void lake.reset();
  const goldReady = lake.pipeline !== undefined && lake.modelling === undefined && lake.progress === undefined;
  // The demo's run draws its first charts before it ends (lakehouse/firstChart): its progress then sits in the status area, above them.
  const dashboardReady = goldReady || lake.firstCharts;
  const modelProgress = lake.modelling && <ModelProgress states={lake.modelling} checking={lake.checking} compact={lake.firstCharts} onCancel={lake.cancel} cancelling={lake.cancelling} />;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Pocket Lakehouse</h1>
        <EngineBadge state={lake.engine} />
      </header>
      <main>
        {hasTables || lake.report ? (
          <StatusArea>
            <LoadPanel busy={busy} compact={hasTables} onFiles={lake.loadFiles} onDemo={loadDemo} />
            {lake.report && <IngestSummary report={lake.report} />}
            {lake.firstCharts && modelProgress ? modelProgress : lake.pipeline && <PipelineSummary run={lake.pipeline} />}
            <SavedDataNotice saved={lake.saved} onReset={resetSaved} />
            <WatchPanel watch={watch} compact />
          </StatusArea>
        ) : (
          <>
            <LoadPanel busy={busy} onFiles={lake.loadFiles} onDemo={loadDemo} />
            <WatchPanel watch={watch} />
            <SavedDataNotice saved={lake.saved} onReset={resetSaved} />
          </>
        )}
        {lake.progress && <ProgressView progress={lake.progress} onCancel={lake.cancel} cancelling={lake.cancelling} />}
        {!lake.firstCharts && modelProgress}
        {!busy && <LoadNotices report={lake.report} run={lake.pipeline} />}
        {lake.error && (
          <p className="error" role="alert">
            {lake.error}
          </p>
        )}
        {hasTables && (
          <div className="views">
            <ViewTabs view={view} onChange={setView} />
            <ViewPanel view="tables" current={view} className="explorer">
              {() => (
                <>
                  <TableList tables={lake.tables} selected={selected && tableKey(selected.table)} onSelect={open} />
                  {selected ? (
                    <div className="table-detail">
                      <TableExportButtons table={selected.table} onExport={lake.exportTable} />
                      <HistoryToggle table={selected.table} api={lake.api} onRestored={async () => reopen(await lake.versionRestored())} />
                      <TablePreview key={restores} table={selected.table} first={selected.first} fetchWindow={lake.gridWindow} />
                    </div>
                  ) : (
                    <p className="hint">Choose a table to see its rows.</p>
                  )}
                </>
              )}
            </ViewPanel>
            <ViewPanel view="dashboard" current={view}>
              {() =>
                dashboardReady ? (
                  <Suspense fallback={<p className="hint">Loading the charts…</p>}>
                    <Dashboard query={lake.dashboard} queryOptions={lake.dashboardOptions} />
                  </Suspense>
                ) : (
                  <p className="hint">The dashboard appears once the pipeline has built the gold tables.</p>
                )
              }
            </ViewPanel>
            <ViewPanel view="console" current={view}>
              {() => <ConsolePanel runSql={lake.runSql} cancelSql={lake.cancelSql} fetchWindow={lake.gridWindow} chartRows={lake.consoleChartRows} onRan={lake.refreshTables} />}
            </ViewPanel>
            <ViewPanel view="pipeline" current={view}>
              {() => (lake.pipeline ? <PipelineView run={lake.pipeline} modelling={lake.modelling} tables={lake.tables} busy={busy} api={lake.api} onRerun={lake.rerunFrom} /> : <p className="hint">The pipeline appears once it has run.</p>)}
            </ViewPanel>
            <ViewPanel view="runs" current={view}>
              {() => (
                <Suspense fallback={<p className="hint">Loading…</p>}>
                  <RunsView api={lake.api} changed={runs.latest} alert={runs.alert} busy={busy} onHistoryChanged={runs.refresh} />
                </Suspense>
              )}
            </ViewPanel>
            <ViewPanel view="catalog" current={view}>
              {() => (goldReady ? <CatalogView tables={lake.tables} api={lake.api} /> : <p className="hint">The catalog appears once the pipeline has built silver and gold.</p>)}
            </ViewPanel>
            <ViewPanel view="quality" current={view}>
              {() => (goldReady ? <QualityView run={lake.pipeline!} tables={lake.tables} api={lake.api} /> : <p className="hint">The data-quality report appears once the pipeline has run.</p>)}
            </ViewPanel>
            <ViewPanel view="predictions" current={view}>
              {() =>
                goldReady ? (
                  <Suspense fallback={<p className="hint">Loading…</p>}>
                    <PredictionsView predictions={predictions} busy={busy} onOpenTable={openGold} />
                  </Suspense>
                ) : (
                  <p className="hint">Predictions can be trained once the pipeline has built the gold tables.</p>
                )
              }
            </ViewPanel>
            <ViewPanel view="governance" current={view}>
              {() =>
                goldReady ? (
                  <Suspense fallback={<p className="hint">Loading…</p>}>
                    <GovernanceView tables={lake.tables} api={lake.api} />
                  </Suspense>
                ) : (
                  <p className="hint">Governance appears once the pipeline has built silver and gold.</p>
                )
              }
            </ViewPanel>
            <ViewPanel view="export" current={view}>
              {() => (
                <Suspense fallback={<p className="hint">Loading…</p>}>
                  <ExportPanel exportLakehouse={lake.exportLakehouse} htmlReport={goldReady ? lake.htmlReport : undefined} publishPolicies={goldReady ? lake.publishPolicies : undefined} saved={lake.saved} onReset={lake.reset} />
                </Suspense>
              )}
            </ViewPanel>
          </div>
        )}
      </main>
      {installOffline && <UpdatePrompt />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files or folders to load them
        </div>
      )}
    </div>
  );
}

function EngineBadge({ state }: { state: EngineState }) {
  if (state.status === 'starting') return <span className="engine-badge" role="status">Starting DuckDB…</span>;
  if (state.status === 'failed')
    return (
      <span className="engine-badge failed" role="alert">
        DuckDB could not start: {state.message}
      </span>
    );
  const { info } = state;
  return (
    <span className="engine-badge" data-testid="engine-badge" data-bundle={info.bundle} data-threads={info.threads}>
      DuckDB {info.version} · WASM {info.bundle} · {info.threads} thread{info.threads === 1 ? '' : 's'}
    </span>
  );
}
