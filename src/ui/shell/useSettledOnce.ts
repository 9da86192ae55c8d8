import { useEffect, useState } from 'react';

/**
 * True once `settled` has held for `ms` without interruption, and from then on. The
 * service worker is registered then: its precache downloads ~45 MB (DuckDB's WASM among
 * them), which must not compete with the engine's start or the first load and charts.
 */
export function useSettledOnce(settled: boolean, ms: number): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done || !settled) return;
    const timer = setTimeout(() => setDone(true), ms);
    return () => clearTimeout(timer);
  }, [done, settled, ms]);
  return done;
}
