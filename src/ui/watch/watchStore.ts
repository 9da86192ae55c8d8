import { createStore, del, get, set } from 'idb-keyval';
import type { WatchedDirectoryHandle, WatchMemory } from './folderWatcher';

/** The watched folder as kept across reloads: the grant (a handle Chromium can store in IndexedDB) and the settings. */
export interface StoredWatch {
  folder: WatchedDirectoryHandle;
  memory: WatchMemory;
  intervalSeconds: number;
  paused: boolean;
}

const KEY = 'watched-folder';
// Its own database, so that nothing else in the app shares (or clears) it by accident.
let opened: ReturnType<typeof createStore> | undefined;
const store = () => (opened ??= createStore('pocket-lakehouse-watch', 'watch'));

/** The stored watch, or undefined when there is none or IndexedDB cannot be opened (private windows). */
export async function readWatch(): Promise<StoredWatch | undefined> {
  try {
    return await get<StoredWatch>(KEY, store());
  } catch {
    return undefined;
  }
}

/** Keeps the watch; false when the browser refused (the watch then lasts until the tab closes). */
export async function keepWatch(watch: StoredWatch): Promise<boolean> {
  try {
    await set(KEY, watch, store());
    return true;
  } catch {
    return false;
  }
}

export async function forgetWatch(): Promise<void> {
  await del(KEY, store()).catch(() => undefined);
}
