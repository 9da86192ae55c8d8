import type { IngestReport } from '../../ingest/loadFiles';
import { formatProblem } from '../../ingest/ingestError';
import { formatCount } from '../format';

/** What the last load did: files that failed, rows quarantined, files skipped. */
export function IngestSummary({ report }: { report: IngestReport }) {
  const quarantined = report.sources.filter((s) => s.quarantined > 0);
  const rows = report.sources.reduce((n, s) => n + s.rows, 0);
  // A dump is one file with many tables.
  const files = new Set(report.sources.map((s) => s.file)).size;
  const notes = [
    ...report.notes.map((n) => `${n.file}: ${n.message}`),
    ...report.sources.flatMap((s) => (s.notes ?? []).map((n) => `${s.file}: ${n}`)),
  ];
  return (
    <section className="ingest-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Last load{report.batch !== undefined ? `: batch ${report.batch}` : ''}</h2>
      <p data-testid="load-summary" data-ms={report.milliseconds}>
        {formatCount(files)} file{files === 1 ? '' : 's'} loaded into {formatCount(report.sources.length)} table
        {report.sources.length === 1 ? '' : 's'}, {formatCount(rows)} rows into bronze in{' '}
        {(report.milliseconds / 1000).toFixed(1)} s.
      </p>
      <details>
        <summary>Files and tables</summary>
        <table className="sources">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Table</th>
              <th scope="col">Batch</th>
              <th scope="col">Rows</th>
              <th scope="col">Quarantined</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {report.sources.map((s) => (
              <tr key={`${s.file}:${s.table}`}>
                <td>{s.file}</td>
                <td>
                  {s.table}
                  {s.recognised ? '' : ' (unrecognised)'}
                </td>
                <td>{s.batch ?? ''}</td>
                <td>{formatCount(s.rows)}</td>
                <td>{formatCount(s.quarantined)}</td>
                <td>{s.milliseconds} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {report.errors.length > 0 && (
        <div className="problems" role="alert">
          <h3>Could not load</h3>
          <ul>
            {report.errors.map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {quarantined.length > 0 && (
        <div className="quarantine-note">
          <h3>Rows sent to quarantine</h3>
          <ul>
            {quarantined.map((s) => (
              <li key={`${s.file}:${s.table}`}>
                {s.file}: {formatCount(s.quarantined)} row{s.quarantined === 1 ? '' : 's'} in <code>quarantine.{s.source}</code>
                {s.samples[0] ? <> — e.g. {formatProblem(s.samples[0])}</> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <details className="notes">
          <summary>Notes ({formatCount(notes.length)})</summary>
          <ul>
            {notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      {report.skipped.length > 0 && (
        <p className="skipped">
          Skipped: {report.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}
        </p>
      )}
    </section>
  );
}
