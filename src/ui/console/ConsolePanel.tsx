import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChartRows } from '../../lakehouse/console/chartRows';
import type { ConsoleOutcome } from '../../lakehouse/console/consoleOutcome';
import type { GridWindow } from '../../lakehouse/grid/gridTypes';
import { DataGrid, type FetchWindow } from '../grid/DataGrid';
import { BLOCK_ROWS } from '../grid/rowWindows';
import { ConsoleStatus } from './ConsoleStatus';
import { HistoryList } from './HistoryList';
import { readHistory, remember, writeHistory } from './sqlHistory';
import './console.css';

// The chart builder draws with Vega, which lives in its own chunk (as the dashboard's charts do).
const ChartBuilder = lazy(() => import('./ChartBuilder'));

interface Props {
  runSql: (sql: string) => Promise<ConsoleOutcome>;
  cancelSql: () => Promise<boolean>;
  fetchWindow: FetchWindow;
  chartRows: (fields: string[]) => Promise<ChartRows>;
  /** Called after every run: statements may have created, changed or dropped tables. */
  onRan: () => void;
}

const EXAMPLE = 'SELECT customer_state, orders, revenue\nFROM gold.revenue_by_state\nORDER BY revenue DESC';

/** What the console showed last, kept while another view is open. */
const kept: { sql: string; outcome?: ConsoleOutcome; first?: GridWindow; runId: number } = { sql: '', runId: 0 };

/** The SQL console: an editor over every layer, history, run and cancel, the result in the grid, and "chart this". */
export function ConsolePanel({ runSql, cancelSql, fetchWindow, chartRows, onRan }: Props) {
  const [sql, setSql] = useState(() => kept.sql || readHistory()[0] || EXAMPLE);
  const [outcome, setOutcome] = useState<ConsoleOutcome | undefined>(kept.outcome);
  const [runId, setRunId] = useState(kept.runId);
  const [first, setFirst] = useState<GridWindow | undefined>(kept.first);
  const [running, setRunning] = useState<{ started: number; cancelling: boolean }>();
  const [history, setHistory] = useState(readHistory);
  const [charting, setCharting] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    Object.assign(kept, { sql, outcome, first, runId });
  }, [sql, outcome, first, runId]);

  const run = async () => {
    if (running || !sql.trim()) return;
    const next = remember(history, sql);
    setHistory(next);
    writeHistory(next);
    setRunning({ started: performance.now(), cancelling: false });
    setCharting(false);
    const result = await runSql(sql).catch((e: Error): ConsoleOutcome => ({ kind: 'error', message: e.message, milliseconds: 0 }));
    // The first rows come with the result, so that the grid appears filled.
    const window = result.kind === 'rows' ? await fetchWindow({ source: { kind: 'console' }, offset: 0, limit: BLOCK_ROWS }).catch(() => undefined) : undefined;
    setRunning(undefined);
    setOutcome(result);
    setFirst(window);
    setRunId((id) => id + 1);
    onRan();
  };
  const cancel = async () => {
    setRunning((r) => r && { ...r, cancelling: true });
    await cancelSql();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    } else if (event.key === 'Escape' && running) {
      event.preventDefault();
      void cancel();
    }
  };

  return (
    <section className="sql-console" aria-labelledby="console-title">
      <h2 id="console-title">SQL console</h2>
      <p className="hint">
        Query any layer (<code>bronze</code>, <code>silver</code>, <code>gold</code>, <code>quarantine</code>, <code>duplicates</code>) with DuckDB SQL. Ctrl+Enter (⌘+Enter) runs, Escape
        cancels.
      </p>
      <div className="console-editor">
        <label htmlFor="sql-editor">SQL</label>
        <textarea id="sql-editor" ref={editor} value={sql} spellCheck={false} rows={7} onChange={(e) => setSql(e.target.value)} onKeyDown={onKeyDown} />
        <HistoryList
          history={history}
          onPick={(q) => {
            setSql(q);
            editor.current?.focus();
          }}
        />
      </div>
      <div className="console-actions">
        <button type="button" className="primary" onClick={() => void run()} disabled={Boolean(running)}>
          Run
        </button>
        <button type="button" onClick={() => void cancel()} disabled={!running || running.cancelling}>
          Cancel
        </button>
        <ConsoleStatus running={running} outcome={outcome} />
      </div>
      {!running && outcome?.kind === 'rows' && (
        <>
          <DataGrid key={runId} idPrefix="console-grid" label="Console result" source={{ kind: 'console' }} initial={first} fetchWindow={fetchWindow} />
          <div className="console-chart">
            <button type="button" aria-expanded={charting} onClick={() => setCharting((c) => !c)}>
              {charting ? 'Hide chart' : 'Chart this'}
            </button>
            {charting && (
              <Suspense fallback={<p className="hint">Loading the chart builder…</p>}>
                <ChartBuilder key={runId} columns={outcome.columns} resultId={runId} chartRows={chartRows} />
              </Suspense>
            )}
          </div>
        </>
      )}
    </section>
  );
}
