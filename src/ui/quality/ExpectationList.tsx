import { useState } from 'react';
import type { ExpectationResult } from '../../pipeline/expectations/runExpectation';
import { formatCount } from '../format';
import { ExpectationStatus } from './ExpectationStatus';

const FILTERS = {
  all: { label: 'All', keep: () => true },
  notPassing: { label: 'Not passing', keep: (e: ExpectationResult) => e.status === 'fail' || e.status === 'error' },
  fail: { label: 'Failing', keep: (e: ExpectationResult) => e.status === 'fail' },
  error: { label: 'Could not run', keep: (e: ExpectationResult) => e.status === 'error' },
  skipped: { label: 'Skipped (table not loaded)', keep: (e: ExpectationResult) => e.status === 'skipped' },
  pass: { label: 'Passing', keep: (e: ExpectationResult) => e.status === 'pass' },
} as const;
type Filter = keyof typeof FILTERS;

/** Every expectation of the run with its status, failing count and sample rows, filtered by status. */
export function ExpectationList({ expectations }: { expectations: ExpectationResult[] }) {
  const [filter, setFilter] = useState<Filter>('all');
  const shown = expectations.filter(FILTERS[filter].keep);
  return (
    <section aria-labelledby="expectations-title" className="quality-section">
      <h3 id="expectations-title">Expectations</h3>
      <div className="quality-filter">
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="expectation-filter">
            {Object.entries(FILTERS).map(([key, f]) => (
              <option key={key} value={key}>
                {f.label} ({expectations.filter(f.keep).length})
              </option>
            ))}
          </select>
        </label>
        <span role="status" className="hint">
          {shown.length} of {expectations.length} expectations shown
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="hint">No expectation has this status.</p>
      ) : (
        <div className="quality-table-scroll">
          <table className="sources quality-table" data-testid="expectations">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Expectation</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Failing rows</th>
                <th scope="col">Samples</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.model}:${e.name}`} data-model={e.model} data-status={e.status} data-failing={e.failing}>
                  <td>{e.model}</td>
                  <td className="expectation-name">{e.name}</td>
                  <td>{e.severity}</td>
                  <td>
                    <ExpectationStatus status={e.status} />
                  </td>
                  <td className="num">{e.status === 'error' || e.status === 'skipped' ? '—' : formatCount(e.failing)}</td>
                  <td>
                    {e.status === 'error' ? <span className="error">{e.message}</span> : e.status === 'skipped' ? e.message : e.samples.length > 0 ? <Samples expectation={e} /> : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Samples({ expectation }: { expectation: ExpectationResult }) {
  const columns = [...new Set(expectation.samples.flatMap((s) => Object.keys(s)))];
  return (
    <details className="samples">
      <summary>
        {expectation.samples.length} sample row{expectation.samples.length === 1 ? '' : 's'}
      </summary>
      <div className="grid-scroll" tabIndex={0} aria-label={`Sample rows failing ${expectation.name} on ${expectation.model}`}>
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {expectation.samples.map((s, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{s[c] === null || s[c] === undefined ? 'NULL' : String(s[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
