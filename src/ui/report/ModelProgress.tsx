import { CancelButton } from '../cancel/CancelButton';
import { formatCount } from '../format';
import type { ModelState } from './modelStates';

/** The pipeline as it runs: every model with its state, rows and time. */
export function ModelProgress({ states, onCancel, cancelling = false }: { states: ModelState[]; onCancel?: () => void; cancelling?: boolean }) {
  const done = states.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
  const running = states.find((s) => s.status === 'running');
  return (
    <section className="progress model-progress" aria-labelledby="model-progress-title">
      <h2 id="model-progress-title">Building silver and gold</h2>
      <p role="status" aria-live="polite">
        {states.length ? `${done} of ${states.length} models done${running ? ` — running ${running.name}` : ''}` : 'Planning…'}
      </p>
      <progress max={Math.max(1, states.length)} value={done} aria-label="Models done" />
      {onCancel && <CancelButton what="pipeline run" cancelling={cancelling} onCancel={onCancel} />}
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
    </section>
  );
}
