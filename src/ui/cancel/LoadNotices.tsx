import type { IngestReport } from '../../ingest/loadFiles';
import type { PipelineRun } from '../../pipeline/runner';
import './cancel.css';
import { cancelledMessage } from './cancelledMessage';

/**
 * Says that the last load or pipeline run was cancelled, and what was kept; and the
 * memory warning the load gave (the files may not fit in DuckDB-WASM).
 */
export function LoadNotices({ report, run }: { report?: IngestReport; run?: PipelineRun }) {
  const message = cancelledMessage(report, run);
  return (
    <>
      {message && (
        <p className="cancelled-notice" role="status" data-testid="cancelled">
          {message}
        </p>
      )}
      {report?.warnings?.map((w) => (
        <p key={w} className="memory-warning" data-testid="memory-warning">
          Warning: {w}
        </p>
      ))}
    </>
  );
}
