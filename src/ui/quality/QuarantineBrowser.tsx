import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { useArrowQuery } from '../pipeline/useArrowQuery';
import { ChosenGroupRows, GROUP_ROWS } from './ChosenGroupRows';
import { useGroups } from './useGroups';


/** The quarantine tables: rows counted by stage and kind of reason; choose a group to see its rows. */
export function QuarantineBrowser({ tables, api }: { tables: TableInfo[]; api: () => LakehouseClient }) {
  const { state, chosen, setChosen } = useGroups(tables, () => api().quarantineGroups());
  const key = chosen && `${chosen.table}\u0000${chosen.kind}`;
  const rows = useArrowQuery(key, () => api().quarantineRowsIPC(chosen!.table, chosen!.kind, GROUP_ROWS));

  return (
    <section aria-labelledby="quarantine-title" className="quality-section">
      <h3 id="quarantine-title">Quarantine</h3>
      {state.status === 'loading' ? (
        <p className="hint" role="status">Counting the quarantined rows…</p>
      ) : state.status === 'failed' ? (
        <p className="error" role="alert">Could not read the quarantine tables: {state.message}</p>
      ) : state.groups.length === 0 ? (
        <p className="hint" data-testid="quarantine-empty">No row was quarantined: every bronze row could be read and typed.</p>
      ) : (
        <>
          <p className="hint">Rows the loader could not read (ingest) or that broke a hard rule of silver, by the kind of reason. Choose one to see its rows.</p>
          <div className="quality-table-scroll">
            <table className="sources quality-table" data-testid="quarantine-groups">
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Rows</th>
                </tr>
              </thead>
              <tbody>
                {state.groups.map((g) => (
                  <tr key={`${g.table}:${g.stage}:${g.kind}`} data-table={g.table} data-rows={g.rows}>
                    <td>quarantine.{g.table}</td>
                    <td>{g.stage}</td>
                    <td>
                      <button type="button" className="link" aria-pressed={chosen === g} onClick={() => setChosen(g)}>
                        {g.kind}
                      </button>
                    </td>
                    <td className="num">{formatCount(g.rows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {chosen && (
            <ChosenGroupRows layer="quarantine" table={chosen.table} kind={chosen.kind} count={chosen.rows} rows={rows} label={`Quarantined rows of ${chosen.table}: ${chosen.kind}`} testId="quarantine-rows" />
          )}
        </>
      )}
    </section>
  );
}
