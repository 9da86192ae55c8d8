import type { DiffRow, VersionDiff } from '../../lakehouse/versions/diffVersions';
import { formatCount } from '../format';

const LABEL: Record<DiffRow['change'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

/**
 * Rows added, removed and changed between two versions: a changed row shows its values
 * after the change, each changed cell marked with the value it had before.
 */
export function VersionDiffGrid({ diff }: { diff: VersionDiff }) {
  const shown = diff.rows.length;
  const total = diff.added + diff.removed + diff.changed;
  return (
    <div className="history-diff" data-testid="version-diff" data-added={diff.added} data-removed={diff.removed} data-changed={diff.changed}>
      <p role="status">
        From version {diff.from} to {diff.to}: {formatCount(diff.added)} added, {formatCount(diff.removed)} removed, {formatCount(diff.changed)} changed
        {diff.key.length ? ` (rows matched by ${diff.key.join(', ')})` : ' (no key: rows matched whole; a changed row is one removed and one added)'}.
        {total > shown ? ` The first ${formatCount(shown)} are shown.` : ''}
      </p>
      {shown > 0 && (
        <div className="history-scroll">
          <table className="sources history-table">
            <caption className="history-sr-only">Differences from version {diff.from} to {diff.to}</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Changed columns</th>
                {diff.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.rows.map((r, i) => {
                const values = r.after ?? r.before!;
                return (
                  <tr key={i} className={`diff-${r.change}`} data-change={r.change}>
                    <th scope="row">{LABEL[r.change]}</th>
                    <td>{r.changedColumns.join(', ')}</td>
                    {diff.columns.map((c) =>
                      r.changedColumns.includes(c) ? (
                        <td key={c} className="diff-cell-changed">
                          <del aria-label={`before: ${r.before![c] ?? 'NULL'}`}>{r.before![c] ?? 'NULL'}</del> <ins aria-label={`after: ${r.after![c] ?? 'NULL'}`}>{r.after![c] ?? 'NULL'}</ins>
                        </td>
                      ) : (
                        <td key={c}>{values[c] ?? <span className="null">NULL</span>}</td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
