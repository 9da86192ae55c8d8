import { useEffect, useState } from 'react';
import type { LakehouseClient } from '../client/lakehouseClient';
import { runsApi } from './runsApi';
import { notificationsSupported, notificationsWanted, setNotifications } from './runNotifications';

interface Props {
  api: () => LakehouseClient;
  busy: boolean;
  count: number;
  max: number;
  onChanged: () => Promise<void>;
}

/** How many runs are kept, "Clear history" (asked twice), and browser notifications of failed runs. */
export function RunSettings({ api, busy, count, max, onChanged }: Props) {
  const [keep, setKeep] = useState<string>('');
  const [saved, setSaved] = useState<number>();
  const [confirming, setConfirming] = useState(false);
  const [notifying, setNotifying] = useState(notificationsWanted);
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    void runsApi(api())
      .retention()
      .then((r) => (setSaved(r.keep), setKeep(String(r.keep))));
  }, [api]);
  const value = Number(keep);
  const valid = Number.isInteger(value) && value >= 1 && value <= max;

  const applyRetention = async () => {
    try {
      const r = await runsApi(api()).setRetention(value);
      setSaved(r.keep);
      setMessage(`Keeping the last ${r.keep} runs.`);
      await onChanged();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const clear = async () => {
    try {
      await runsApi(api()).clear();
      setMessage('The run history was cleared.');
      await onChanged();
    } catch (e) {
      setMessage(`The history could not be cleared: ${(e as Error).message}`);
    } finally {
      setConfirming(false);
    }
  };
  const toggleNotifications = async (on: boolean) => {
    const result = await setNotifications(on);
    setNotifying(result.on);
    setMessage(result.why);
  };

  return (
    <div className="run-settings">
      <form
        className="run-retention"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void applyRetention();
        }}
      >
        <label htmlFor="run-keep">Keep the last</label>{' '}
        <input id="run-keep" type="number" min={1} max={max} value={keep} onChange={(e) => setKeep(e.target.value)} aria-invalid={!valid} aria-describedby="run-keep-unit" />{' '}
        <span id="run-keep-unit">runs</span>{' '}
        <button type="submit" disabled={busy || !valid || value === saved}>
          Save
        </button>
      </form>
      {confirming ? (
        <div role="group" aria-label="Confirm clearing the history" className="run-clear">
          <span>Forget all {count} runs? The tables stay as they are.</span>{' '}
          <button type="button" className="danger" autoFocus onClick={() => void clear()}>
            Yes, clear history
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="danger" disabled={busy || count === 0} onClick={() => setConfirming(true)}>
          Clear history
        </button>
      )}
      {notificationsSupported() && (
        <label className="run-notify">
          <input type="checkbox" checked={notifying} onChange={(e) => void toggleNotifications(e.target.checked)} /> Notify me when a run fails
        </label>
      )}
      {message && (
        <p role="status" className="hint" data-testid="run-settings-message">
          {message}
        </p>
      )}
    </div>
  );
}
