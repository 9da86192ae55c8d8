import { useEffect, useState } from 'react';
import { tableFromIPC, type Table } from 'apache-arrow';

export type Preview = { status: 'loading' } | { status: 'ready'; data: Table } | { status: 'failed'; message: string };

/**
 * Arrow rows fetched from the worker, again whenever `key` changes (another table, or
 * the same table rebuilt). A late answer for an old key is dropped.
 */
export function useArrowQuery(key: string | undefined, fetch: () => Promise<Uint8Array>): Preview | undefined {
  const [preview, setPreview] = useState<Preview>();
  useEffect(() => {
    if (key === undefined) return setPreview(undefined);
    let live = true;
    setPreview({ status: 'loading' });
    fetch().then(
      (ipc) => live && setPreview({ status: 'ready', data: tableFromIPC(ipc) }),
      (e: Error) => live && setPreview({ status: 'failed', message: e.message }),
    );
    return () => {
      live = false;
    };
    // The fetch closes over the key's parts; the key alone says when they change.
  }, [key]);
  return preview;
}
