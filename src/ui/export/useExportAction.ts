import { useCallback, useState } from 'react';

export type ExportStatus = { state: 'idle' } | { state: 'working'; what: string } | { state: 'done'; message: string } | { state: 'failed'; message: string };

/** Runs one export at a time and says what happened, for a role="status" line. */
export function useExportAction() {
  const [status, setStatus] = useState<ExportStatus>({ state: 'idle' });
  const run = useCallback(async (what: string, work: () => Promise<string>) => {
    setStatus({ state: 'working', what });
    try {
      setStatus({ state: 'done', message: await work() });
    } catch (e) {
      setStatus({ state: 'failed', message: `${what} failed: ${(e as Error).message}` });
    }
  }, []);
  return [status, run] as const;
}

export function statusText(status: ExportStatus): string {
  if (status.state === 'working') return `${status.what}…`;
  if (status.state === 'idle') return '';
  return status.message;
}
