import { useEffect, useState } from 'react';
import type { ConsoleOutcome } from '../../lakehouse/console/consoleOutcome';
import { formatCount } from '../format';

interface Props {
  running?: { started: number; cancelling: boolean };
  outcome?: ConsoleOutcome;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The run's state in words: running (with the time so far), rows, rows changed, cancelled, or DuckDB's error. */
export function ConsoleStatus({ running, outcome }: Props) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, [running]);

  if (running) {
    return (
      <span role="status" className="console-status running" data-testid="console-status">
        {running.cancelling ? 'Cancelling…' : `Running… ${seconds(performance.now() - running.started)}`}
      </span>
    );
  }
  if (!outcome) return <span role="status" className="console-status" data-testid="console-status" />;
  if (outcome.kind === 'error') {
    return (
      <div role="alert" className="console-status error" data-testid="console-status">
        <strong>{outcome.statement ? `Statement ${outcome.statement} failed` : 'The query failed'}:</strong>
        <pre>{outcome.message}</pre>
      </div>
    );
  }
  const text = {
    rows: () => outcome.kind === 'rows' && `${formatCount(outcome.rows)} ${outcome.rows === 1 ? 'row' : 'rows'} in ${seconds(outcome.milliseconds)}`,
    changed: () => outcome.kind === 'changed' && `Done: ${formatCount(outcome.rows)} ${outcome.rows === 1 ? 'row' : 'rows'} changed in ${seconds(outcome.milliseconds)}`,
    done: () => `Done in ${seconds(outcome.milliseconds)}`,
    cancelled: () => `Query cancelled after ${seconds(outcome.milliseconds)}.`,
  }[outcome.kind]();
  return (
    <span role="status" className={`console-status ${outcome.kind}`} data-testid="console-status">
      {text}
    </span>
  );
}
