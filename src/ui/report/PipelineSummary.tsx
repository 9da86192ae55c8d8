import type { PipelineRun } from '../../pipeline/runner';
import { formatBytes } from '../../ingest/formatBytes';
import { formatCount } from '../format';

/** The last pipeline run: models with their state, the bronze balance, and failed expectations. */
export function PipelineSummary({ run }: { run: PipelineRun }) {
  const failed = run.expectations.filter((e) => e.status === 'fail' || e.status === 'error');
  const passed = run.expectations.filter((e) => e.status === 'pass').length;
  const skipped = run.expectations.length - passed - failed.length;
  const built = run.models.filter((m) => m.status === 'success').length;
  return (
    <section className="pipeline-summary" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline</h2>
      <p data-testid="pipeline-summary" data-ms={run.milliseconds}>
        {built} of {run.models.length} models built · {passed} of {run.expectations.length} expectations pass
        {skipped > 0 ? ` (${skipped} skipped: a table they read is not loaded)` : ''}
        {failed.length > 0 ? ` · ${failed.filter((e) => e.severity === 'error').length} errors, ${failed.filter((e) => e.severity === 'warn').length} warnings` : ''} ·{' '}
        {(run.milliseconds / 1000).toFixed(1)} s
        {run.memory && (
          <span data-testid="pipeline-memory" data-bytes={run.memory.heldBytes}>
            {' '}· DuckDB holds {formatBytes(run.memory.heldBytes)}
            {run.memory.limitBytes ? ` of the ${formatBytes(run.memory.limitBytes)} it may use` : ''}
          </span>
        )}
      </p>
      <details>
        <summary>Models</summary>
        <table className="sources">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">State</th>
              <th scope="col">Rows</th>
              <th scope="col">Time</th>
              <th scope="col">Bronze = silver + duplicates + quarantine</th>
            </tr>
          </thead>
          <tbody>
            {run.models.map((m) => (
              <tr key={m.name} data-testid={`model-${m.name}`}>
                <td>{m.name}</td>
                <td className={`state-${m.status}`}>
                  {m.status}
                  {m.error ? ` — ${m.error}` : ''}
                </td>
                <td>{formatCount(m.rows)}</td>
                <td>{m.milliseconds} ms</td>
                <td>
                  {m.balance
                    ? `${formatCount(m.balance.bronze)} = ${formatCount(m.balance.silver)} + ${formatCount(m.balance.exactDuplicates + m.balance.conflictingDuplicates)} + ${formatCount(m.balance.quarantined)}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {skipped > 0 && (
        <details className="skipped-expectations">
          <summary>
            {skipped} expectation{skipped === 1 ? '' : 's'} skipped: a table {skipped === 1 ? 'it reads' : 'they read'} is not loaded
          </summary>
          <ul>
            {run.expectations
              .filter((e) => e.status === 'skipped')
              .map((e) => (
                <li key={`${e.model}:${e.name}`}>
                  {e.model}: expectation {e.name} skipped: {e.message}
                </li>
              ))}
          </ul>
        </details>
      )}
      {failed.length > 0 && (
        // Open when an error-severity expectation failed; warnings fold away (the Data quality tab has them all).
        <details className="quarantine-note" open={failed.some((e) => e.severity === 'error')}>
          <summary>
            {failed.length} expectation{failed.length === 1 ? '' : 's'} did not pass
          </summary>
          <ul>
            {failed.map((e) => (
              <li key={`${e.model}:${e.name}`}>
                [{e.severity}] {e.model}: {e.name} — {e.status === 'error' ? e.message : `${formatCount(e.failing)} failing`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
