import { formatCount } from '../format';
import type { Preview } from '../pipeline/useArrowQuery';
import { ArrowGrid } from '../tables/ArrowGrid';

/** At most this many rows of a chosen group are read into the page. */
export const GROUP_ROWS = 100;

/**
 * The rows of one group chosen in the Data quality view (quarantined rows of a kind of
 * reason, or dropped duplicates of a kind), as they were read: a grid, an error or a wait.
 */
export function ChosenGroupRows({ layer, table, kind, count, rows, label, testId }: { layer: 'quarantine' | 'duplicates'; table: string; kind: string; count: number; rows: Preview | undefined; label: string; testId: string }) {
  return (
    <div className="quarantine-rows" data-testid={testId}>
      <h4>
        {layer}.{table}: {kind} <small>({formatCount(count)} rows{count > GROUP_ROWS ? `, the first ${GROUP_ROWS} shown` : ''})</small>
      </h4>
      {rows?.status === 'ready' ? (
        <ArrowGrid data={rows.data} label={label} />
      ) : rows?.status === 'failed' ? (
        <p className="error" role="alert">
          Could not read {layer}.{table}: {rows.message}
        </p>
      ) : (
        <p className="hint" role="status">Reading the rows…</p>
      )}
    </div>
  );
}
