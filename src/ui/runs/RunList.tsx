import type { RunSummary } from '../../lakehouse/runs/runTypes';
import { formatCount } from '../format';
import { RUN_STATUS, runKind, seconds, startedText } from './runText';

interface Props {
  runs: RunSummary[];
  open?: number;
  compared: number[];
  onOpen: (id: number) => void;
  onCompare: (id: number, chosen: boolean) => void;
}

/** The runs, newest first: state, what and who, duration, rows and expectation counts; a run opens, two compare. */
export function RunList({ runs, open, compared, onOpen, onCompare }: Props) {
  return (
    <div className="runs-table-scroll">
      <table className="sources runs-table" data-testid="run-list">
        <caption className="visually-hidden">Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
            <th scope="col">What</th>
            <th scope="col">State</th>
            <th scope="col">Duration</th>
            <th scope="col">Rows loaded</th>
            <th scope="col">Rows built</th>
            <th scope="col">Quarantined</th>
            <th scope="col">Expectations pass / warn / fail</th>
            <th scope="col">Retried models</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const status = RUN_STATUS[r.status];
            const chosen = compared.includes(r.id);
            return (
              <tr
                key={r.id}
                data-testid={`run-${r.id}`}
                data-status={r.status}
                data-ms={r.milliseconds}
                data-rows-loaded={r.rowsLoaded}
                data-rows-built={r.rowsBuilt}
                data-quarantined={r.quarantinedRows}
                data-pass={r.expectationsPass}
                data-warn={r.expectationsWarn}
                data-fail={r.expectationsFail}
                data-retried={r.modelsRetried}
                aria-current={open === r.id ? 'true' : undefined}
              >
                <td>
                  <input type="checkbox" checked={chosen} disabled={!chosen && compared.length >= 2} onChange={(e) => onCompare(r.id, e.target.checked)} aria-label={`Compare run ${r.id}`} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(r.id)} aria-pressed={open === r.id}>
                    Run {r.id}
                  </button>
                </td>
                <td>
                  <time dateTime={r.startedAt}>{startedText(r.startedAt)}</time>
                </td>
                <td>{runKind(r)}</td>
                <td className={`run-status run-${r.status}`} title={r.problem}>
                  <span aria-hidden="true">{status.symbol}</span> {status.label}
                </td>
                <td>{seconds(r.milliseconds)}</td>
                <td>{formatCount(r.rowsLoaded)}</td>
                <td>{formatCount(r.rowsBuilt)}</td>
                <td>{formatCount(r.quarantinedRows)}</td>
                <td>
                  {r.expectationsPass} / {r.expectationsWarn} / {r.expectationsFail}
                </td>
                <td>{r.modelsRetried}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
