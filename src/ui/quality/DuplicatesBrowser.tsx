import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { useArrowQuery } from '../pipeline/useArrowQuery';
import { ChosenGroupRows, GROUP_ROWS } from './ChosenGroupRows';
import { useGroups } from './useGroups';


/**
 * The bronze rows silver dropped as duplicates, by source and kind; choose a group to see
 * its rows as bronze has them, each with the row silver kept instead. Dropped is not gone.
 */
export function DuplicatesBrowser({ tables, api }: { tables: TableInfo[]; api: () => LakehouseClient }) {
  const { state, chosen, setChosen } = useGroups(tables, () => api().duplicateGroups());
  const key = chosen && `${chosen.table}\u0000${chosen.kind}`;
  const rows = useArrowQuery(key, () => api().duplicateRowsIPC(chosen!.table, chosen!.kind, GROUP_ROWS));

  return (
    <section aria-labelledby="duplicates-title" className="quality-section">
      <h3 id="duplicates-title">Dropped duplicates</h3>
      {state.status === 'loading' ? (
        <p className="hint" role="status">Counting the dropped duplicates…</p>
      ) : state.status === 'failed' ? (
        <p className="error" role="alert">Could not read the duplicates tables: {state.message}</p>
      ) : state.groups.length === 0 ? (
        <p className="hint" data-testid="duplicates-empty">No bronze row was dropped as a duplicate: every key came once.</p>
      ) : (
        <>
          <p className="hint">
            Bronze rows whose key silver already had, kept in <code>duplicates.&lt;source&gt;</code> with the row silver kept instead
            (<code>_kept_source</code>, <code>_kept_row</code>): exact when their values are the kept row's, conflicting otherwise. Choose one to see its rows.
          </p>
          <div className="quality-table-scroll">
            <table className="sources quality-table" data-testid="duplicate-groups">
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Rows</th>
                </tr>
              </thead>
              <tbody>
                {state.groups.map((g) => (
                  <tr key={`${g.table}:${g.kind}`} data-table={g.table} data-kind={g.kind} data-rows={g.rows}>
                    <td>duplicates.{g.table}</td>
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
            <ChosenGroupRows layer="duplicates" table={chosen.table} kind={chosen.kind} count={chosen.rows} rows={rows} label={`Dropped duplicates of ${chosen.table}: ${chosen.kind}`} testId="duplicate-rows" />
          )}
        </>
      )}
    </section>
  );
}
