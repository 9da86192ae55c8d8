import { useEffect, useRef } from 'react';

/** "Roll back to version N?" inline: focus goes to the confirm button, Escape cancels. */
export function RollbackConfirm({ version, onConfirm, onCancel }: { version: number; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), [version]);
  return (
    <div
      className="history-confirm"
      role="alertdialog"
      aria-labelledby="rollback-title"
      aria-describedby="rollback-text"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <p id="rollback-title">
        <strong>Roll the lakehouse back to version {version}?</strong>
      </p>
      <p id="rollback-text">
        Every table — bronze, silver, quarantine, duplicates and gold — goes back to how it was at version {version}. This is committed as a new version: the
        versions after {version} stay in the history and can be restored in turn.
      </p>
      <button type="button" ref={confirm} onClick={onConfirm}>
        Roll back to version {version}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
