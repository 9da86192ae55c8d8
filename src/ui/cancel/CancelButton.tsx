import './cancel.css';

/**
 * Cancels the load or pipeline run in progress. The worker stops between steps (a file's
 * batch, a model), so the button says "Cancelling…" until the step in hand is over.
 */
export function CancelButton({ what, cancelling, onCancel }: { what: string; cancelling: boolean; onCancel: () => void }) {
  return (
    <button type="button" className="cancel-button" onClick={onCancel} disabled={cancelling} aria-label={cancelling ? `Cancelling the ${what}…` : `Cancel the ${what}`}>
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </button>
  );
}
