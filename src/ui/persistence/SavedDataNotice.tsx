import { formatBytes } from '../../ingest/formatBytes';
import type { SavedState } from './savedState';
import '../export/export.css';

interface Props {
  saved: SavedState;
  onReset: () => void;
}

/**
 * The saved lakehouse's state above the content: restoring, restored, saving, or — when
 * what was saved cannot be used — what is wrong and a button that clears it.
 */
export function SavedDataNotice({ saved, onReset }: Props) {
  switch (saved.status) {
    case 'checking':
      return <p className="saved-notice hint" role="status">Looking for a lakehouse saved in this browser…</p>;
    case 'saving':
      return (
        <p className="saved-notice hint" role="status" data-testid="saving-notice">
          {saved.recording ? 'Recording this run in the version and run history, then saving the lakehouse in this browser…' : 'Saving the lakehouse in this browser…'}
        </p>
      );
    case 'saved':
      return (
        <p className="saved-notice hint" role="status" data-testid="saved-notice">
          {saved.restored ? 'Restored' : 'Saved'} {saved.tables} tables ({formatBytes(saved.bytes)} database file) {saved.restored ? 'saved in this browser on' : 'in this browser at'} {new Date(saved.savedAt).toLocaleString()} ({saved.restored ? 'restored' : 'saved'} in <span data-testid="saved-ms" data-phases={saved.phases && JSON.stringify(saved.phases)}>{(saved.milliseconds / 1000).toFixed(2)}</span> s).
        </p>
      );
    case 'elsewhere':
      return (
        <p className="saved-notice hint" role="status" data-testid="saved-elsewhere">
          {saved.message}
        </p>
      );
    case 'damaged':
    case 'failed':
      return (
        <div className="saved-problem" role="alert" data-testid="saved-problem">
          <p>
            {saved.message}
            {saved.status === 'damaged' && ' You can keep working and load data as usual; resetting removes the saved copy.'}
          </p>
          <button type="button" onClick={onReset}>
            Reset saved data
          </button>
        </div>
      );
    default:
      return null;
  }
}
