import { CancelButton } from '../cancel/CancelButton';
import { formatCount } from '../format';
import type { ModelState } from './modelStates';

interface Props {
  states: ModelState[];
  /** The models are built and their checks (expectations) are running. */
  checking?: boolean;
  /** In the status area, above charts already drawn: the models' list folds away. */
  compact?: boolean;
  onCancel?: () => void;
  cancelling?: boolean;
}

/** The pipeline as it runs: every model with its state, rows and time, then the checks. */
export function ModelProgress({ states, checking = false, compact = false, onCancel, cancelling = false }: Props) {
  const done = states.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
  const running = states.find((s) => s.status === 'running');
  const list = (
    <ol className="model-states">
      {states.map((s) => (
        <li key={s.name} className={`state-${s.status}`} data-testid={`model-state-${s.name}`} data-status={s.status}>
          <span className="name">{s.name}</span>
          <span className="state">{s.status}</span>
          <span className="rows">{s.rows !== undefined ? formatCount(s.rows) : ''}</span>
          <span className="ms">{s.milliseconds !== undefined ? `${s.milliseconds} ms` : ''}</span>
        </li>
      ))}
    </ol>
  );
  return (
    <section className={`progress model-progress${compact ? ' compact' : ''}`} aria-labelledby="model-progress-title" data-testid="model-progress">
      <h2 id="model-progress-title">{compact ? 'Pipeline' : 'Building silver and gold'}</h2>
      <p role="status" aria-live="polite">
        {checking
          ? `${done} of ${states.length} models done — running the checks`
          : states.length
            ? `${compact ? 'Building: ' : ''}${done} of ${states.length} models done${running ? ` — running ${running.name}` : ''}`
            : 'Planning…'}
      </p>
      <progress max={Math.max(1, states.length)} value={checking ? states.length : done} aria-label="Models done" />
      {onCancel && <CancelButton what="pipeline run" cancelling={cancelling} onCancel={onCancel} />}
      {compact ? (
        <details>
          <summary>Models</summary>
          {list}
        </details>
      ) : (
        list
      )}
    </section>
  );
}
