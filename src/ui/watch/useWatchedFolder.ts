import { useCallback, useEffect, useRef, useState } from 'react';
import type { PickedFile } from '../../lakehouse/lakehouseService';
import { FolderWatcher, type WatchedDirectoryHandle } from './folderWatcher';
import { forgetWatch, keepWatch, readWatch } from './watchStore';

export const DEFAULT_INTERVAL_SECONDS = 10;

export type WatchStatus =
  | 'checking'
  /** No File System Access API (Firefox, Safari): the panel says so. */
  | 'unsupported'
  | 'off'
  | 'watching'
  /** The stored grant needs a click to be used again (after a reload, or revoked). */
  | 'needs-permission'
  | 'gone';

export interface WatchView {
  status: WatchStatus;
  folder?: string;
  paused: boolean;
  intervalSeconds: number;
  /** Seconds to the next check; 0 while a check or its load is under way or waiting. */
  secondsLeft: number;
  /** Files in the folder at the last check. */
  files: number;
  /** Files seen changing at the last check: taken once they hold still. */
  waiting: string[];
  /** The next check is due but another load or run is under way. */
  held: boolean;
  /** A batch from the folder is loading (and the pipeline running after it). */
  loading?: boolean;
  lastBatch?: { files: string[]; at: Date };
  message?: string;
}

type ShowDirectoryPicker = (options?: { id?: string; mode?: 'read' }) => Promise<WatchedDirectoryHandle>;
const picker = () => (window as unknown as { showDirectoryPicker?: ShowDirectoryPicker }).showDirectoryPicker;

/**
 * The watched folder's timer and state: every `intervalSeconds` (unless paused or the app is
 * busy) it polls the folder and hands the files that are ready to `load` as one batch.
 */
export function useWatchedFolder(busy: boolean, load: (files: PickedFile[], trigger: 'watch') => Promise<void>) {
  const [view, setView] = useState<WatchView>({ status: 'checking', paused: false, intervalSeconds: DEFAULT_INTERVAL_SECONDS, secondsLeft: DEFAULT_INTERVAL_SECONDS, files: 0, waiting: [], held: false });
  const watcher = useRef<FolderWatcher>(undefined);
  const polling = useRef(false);
  const now = useRef({ busy, load, view });
  now.current = { busy, load, view };
  const update = (patch: Partial<WatchView>) => setView((v) => ({ ...v, ...patch }));

  const persist = useCallback(async (patch: Partial<WatchView> = {}) => {
    const w = watcher.current;
    const v = { ...now.current.view, ...patch };
    if (w) await keepWatch({ folder: w.folder, memory: w.memory, intervalSeconds: v.intervalSeconds, paused: v.paused });
  }, []);

  // A grant kept from an earlier visit comes back; whether it is still usable needs no click to find out.
  useEffect(() => {
    if (!picker()) return update({ status: 'unsupported' });
    void readWatch().then(async (stored) => {
      if (!stored) return update({ status: 'off' });
      const w = new FolderWatcher(stored.folder, stored.memory);
      watcher.current = w;
      const permitted = await w.permitted().catch(() => false);
      update({ status: permitted ? 'watching' : 'needs-permission', folder: stored.folder.name, intervalSeconds: stored.intervalSeconds, secondsLeft: stored.intervalSeconds, paused: stored.paused });
    });
  }, []);

  const check = useCallback(async () => {
    const w = watcher.current;
    if (!w || polling.current) return;
    polling.current = true;
    try {
      const result = await w.poll();
      if (result.status === 'needs-permission') return update({ status: 'needs-permission', waiting: [] });
      if (result.status === 'gone') return update({ status: 'gone', message: result.message, waiting: [] });
      update({ files: result.files, waiting: result.waiting, message: undefined });
      if (result.ready.length === 0) return;
      // Marked before loading: a file that fails to load is reported once, not retried every few seconds.
      w.markLoaded(result.ready);
      await persist();
      const batch = result.ready.map(({ path, file }) => ({ path: `${w.folder.name}/${path}`, file }));
      update({ lastBatch: { files: batch.map((f) => f.path), at: new Date() }, loading: true });
      await now.current.load(batch, 'watch');
    } catch (e) {
      update({ message: `Could not read the folder: ${(e as Error).message}` });
    } finally {
      polling.current = false;
      update({ secondsLeft: now.current.view.intervalSeconds, loading: false });
    }
  }, [persist]);

  const active = view.status === 'watching' && !view.paused;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      const { busy: appBusy, view: v } = now.current;
      if (polling.current) return;
      if (v.secondsLeft > 1) return update({ secondsLeft: v.secondsLeft - 1, held: false });
      if (appBusy) return update({ secondsLeft: 0, held: true });
      update({ secondsLeft: 0, held: false });
      void check();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, check]);

  /** Asks for a folder (from a click) and starts watching it. */
  const grant = useCallback(
    async (loadExisting: boolean) => {
      const show = picker();
      if (!show) return;
      let folder: WatchedDirectoryHandle;
      try {
        folder = await show({ id: 'pocket-lakehouse-watch', mode: 'read' });
      } catch (e) {
        if ((e as DOMException).name !== 'AbortError') update({ message: `Could not open the folder: ${(e as Error).message}` });
        return;
      }
      const w = new FolderWatcher(folder);
      await w.baseline(loadExisting);
      watcher.current = w;
      const interval = now.current.view.intervalSeconds;
      update({ status: 'watching', folder: folder.name, paused: false, secondsLeft: interval, waiting: [], files: 0, lastBatch: undefined, message: undefined });
      if (!(await keepWatch({ folder, memory: w.memory, intervalSeconds: interval, paused: false }))) update({ message: 'This browser cannot keep the folder: you will be asked for it again after a reload.' });
    },
    [],
  );

  /** "Grant access again" (from a click: the browser asks only then). */
  const askAgain = useCallback(async () => {
    const w = watcher.current;
    if (!w) return;
    const granted = await w.askAgain().catch(() => false);
    update(granted ? { status: 'watching', secondsLeft: now.current.view.intervalSeconds } : { message: 'The browser did not allow reading the folder.' });
  }, []);

  const setPaused = useCallback((paused: boolean) => (update({ paused, held: false, secondsLeft: now.current.view.intervalSeconds }), void persist({ paused })), [persist]);
  const setIntervalSeconds = useCallback((intervalSeconds: number) => (update({ intervalSeconds, secondsLeft: intervalSeconds }), void persist({ intervalSeconds })), [persist]);
  const checkNow = useCallback(() => update({ secondsLeft: 1 }), []);
  const stop = useCallback(async () => {
    watcher.current = undefined;
    await forgetWatch();
    update({ status: 'off', folder: undefined, waiting: [], files: 0, lastBatch: undefined, message: undefined, paused: false });
  }, []);

  return { view, grant, askAgain, setPaused, setIntervalSeconds, checkNow, stop };
}
