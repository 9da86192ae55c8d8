import { useId, useState } from 'react';
import type { useWatchedFolder, WatchView } from './useWatchedFolder';
import './watch.css';

interface Props {
  watch: ReturnType<typeof useWatchedFolder>;
  /** In the status strip once data is loaded: no explanation, so the views sit higher. */
  compact?: boolean;
}

const MIN_SECONDS = 1;
const MAX_SECONDS = 3600;

/** "Watch a folder": new or changed files in a granted folder load as a batch every N seconds. */
export function WatchPanel({ watch, compact = false }: Props) {
  const { view } = watch;
  const [loadExisting, setLoadExisting] = useState(false);
  const ids = useId();
  if (view.status === 'checking') return null;
  return (
    <section className="watch-panel" aria-labelledby={`${ids}-title`} data-testid="watch-panel" data-status={view.status}>
      <h2 id={`${ids}-title`}>Watch a folder</h2>
      {view.status === 'unsupported' && (
        <p className="hint">{compact ? 'Needs a Chromium browser (Chrome, Edge).' : <>Watching a folder needs a Chromium browser (Chrome, Edge): this browser cannot give a page lasting access to a folder.</>}</p>
      )}
      {view.status === 'off' && (
        <>
          {!compact && <p className="hint">New or changed files in the folder load as a batch every few seconds, and the pipeline runs after each batch.</p>}
          <div className="actions">
            <label>
              <input type="checkbox" checked={loadExisting} onChange={(e) => setLoadExisting(e.currentTarget.checked)} /> Also load the files already in it
            </label>
            <button type="button" onClick={() => void watch.grant(loadExisting)}>
              Watch a folder…
            </button>
          </div>
        </>
      )}
      {view.status === 'needs-permission' && (
        <div role="alert">
          <p>
            The browser needs your permission again to read <strong>{view.folder}</strong>. Nothing is loaded from it until then.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void watch.askAgain()}>
              Grant access again
            </button>
            <button type="button" onClick={() => void watch.stop()}>
              Stop watching
            </button>
          </div>
        </div>
      )}
      {view.status === 'gone' && (
        <div role="alert">
          <p>{view.message} Nothing is loaded from it any more.</p>
          <div className="actions">
            <button type="button" onClick={() => void watch.stop().then(() => watch.grant(false))}>
              Watch another folder…
            </button>
            <button type="button" onClick={() => void watch.stop()}>
              Stop watching
            </button>
          </div>
        </div>
      )}
      {view.status === 'watching' && <Watching view={view} watch={watch} ids={ids} />}
      {view.message && view.status !== 'gone' && (
        <p className="error" role="alert">
          {view.message}
        </p>
      )}
    </section>
  );
}

function Watching({ view, watch, ids }: { view: WatchView; watch: ReturnType<typeof useWatchedFolder>; ids: string }) {
  const [seconds, setSeconds] = useState(String(view.intervalSeconds));
  const valid = (n: number) => Number.isInteger(n) && n >= MIN_SECONDS && n <= MAX_SECONDS;
  return (
    <>
      <p>
        Watching <strong data-testid="watch-folder">{view.folder}</strong> ({view.files} file{view.files === 1 ? '' : 's'}).{' '}
        <span data-testid="watch-countdown" aria-live="off">
          {view.paused ? 'Paused.' : view.loading ? 'Loading the new files…' : view.held ? 'Next check once the current load is done.' : view.secondsLeft > 0 ? `Next check in ${view.secondsLeft} s.` : 'Checking…'}
        </span>
      </p>
      <div className="actions">
        <button type="button" aria-pressed={view.paused} onClick={() => watch.setPaused(!view.paused)}>
          {view.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={watch.checkNow} disabled={view.paused}>
          Check now
        </button>
        <button type="button" onClick={() => void watch.stop()}>
          Stop watching
        </button>
        <label htmlFor={`${ids}-seconds`}>Check every</label>
        <input
          id={`${ids}-seconds`}
          type="number"
          min={MIN_SECONDS}
          max={MAX_SECONDS}
          step={1}
          value={seconds}
          aria-describedby={`${ids}-unit`}
          onChange={(e) => {
            setSeconds(e.currentTarget.value);
            const n = Number(e.currentTarget.value);
            if (valid(n)) watch.setIntervalSeconds(n);
          }}
        />
        <span id={`${ids}-unit`}>seconds</span>
      </div>
      <div role="status" aria-live="polite" data-testid="watch-status">
        {view.waiting.length > 0 && (
          <p>
            Waiting for {view.waiting.join(', ')} to finish: {view.waiting.length === 1 ? 'it' : 'they'} changed since the last check, and a file is loaded
            only once its size and time hold still.
          </p>
        )}
        {view.lastBatch && (
          <p data-testid="watch-last-batch">
            Last batch at {view.lastBatch.at.toLocaleTimeString()}: {view.lastBatch.files.join(', ')}.
          </p>
        )}
      </div>
      {!valid(Number(seconds)) && (
        <p className="error" role="alert">
          Checks can be {MIN_SECONDS} to {MAX_SECONDS} seconds apart.
        </p>
      )}
    </>
  );
}
