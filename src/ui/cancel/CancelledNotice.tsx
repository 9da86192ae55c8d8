import type { IngestReport } from '../../ingest/loadFiles';
import type { PipelineRun } from '../../pipeline/runner';
import './cancel.css';
import { cancelledMessage } from './cancelledMessage';

/** Says that the last load or pipeline run was cancelled, and what was kept. */
export function CancelledNotice({ report, run }: { report?: IngestReport; run?: PipelineRun }) {
  const message = cancelledMessage(report, run);
  if (!message) return null;
  return (
    <p className="cancelled-notice" role="status" data-testid="cancelled">
      {message}
    </p>
  );
}
