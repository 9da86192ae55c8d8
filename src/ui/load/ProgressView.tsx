import type { LoadProgress } from '../../ingest/progress';
import { CancelButton } from '../cancel/CancelButton';
import '../cancel/cancel.css';
import { formatBytes, formatCount } from '../format';

const PHASES: Record<LoadProgress['phase'], string> = {
  generating: 'Generating the demo data',
  reading: 'Reading files',
  inflating: 'Unpacking archives',
  loading: 'Loading into bronze',
  done: 'Done',
};

/** A determinate progress bar with a spoken summary for screen readers. */
export function ProgressView({ progress, onCancel, cancelling = false }: { progress: LoadProgress; onCancel?: () => void; cancelling?: boolean }) {
  const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 0;
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        {PHASES[progress.phase]}
        {progress.file ? <> — <span className="file">{progress.file}</span></> : null}
      </div>
      <progress max={1} value={progress.phase === 'generating' ? undefined : fraction} aria-label="Load progress" />
      <div className="progress-detail">
        {progress.filesDone}/{progress.filesTotal} files · {formatBytes(progress.bytesDone)} of {formatBytes(progress.bytesTotal)} ·{' '}
        {formatCount(progress.rowsLoaded)} rows
      </div>
      {progress.memoryWarning && (
        <p className="memory-warning" data-testid="memory-warning">
          Warning: {progress.memoryWarning}
        </p>
      )}
      {onCancel && <CancelButton what="load" cancelling={cancelling} onCancel={onCancel} />}
    </div>
  );
}
