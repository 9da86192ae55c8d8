import type { IngestReport } from '../../ingest/loadFiles';
import type { PipelineRun } from '../../pipeline/runner';

/** What the page says after a cancelled load or pipeline run (null when nothing was cancelled). */
export function cancelledMessage(report: IngestReport | undefined, run: PipelineRun | undefined): string | null {
  if (report?.cancelled) {
    const kept = new Set(report.sources.map((s) => s.file)).size;
    return (
      'Cancelled — nothing half-loaded was kept. ' +
      (kept ? `The ${kept} file${kept === 1 ? '' : 's'} loaded whole before the cancel ${kept === 1 ? 'is' : 'are'} in bronze; ` : 'Nothing was loaded; ') +
      'load the files again (or fewer of them) when you are ready.'
    );
  }
  if (run?.cancelled) {
    const built = run.models.filter((m) => m.status === 'success').length;
    return `Cancelled — nothing half-built was kept. The pipeline stopped after ${built} of ${run.models.length} models; those tables are kept and the rest were skipped. Load files again to rebuild.`;
  }
  return null;
}
