/**
 * A watched folder in the browser, without React or timers: each `poll()` lists the
 * folder granted with the File System Access API and says which files are ready to load.
 * A file is ready once its size and lastModified held across two polls (so a file still
 * being written is never half-read) and that version of it was not loaded before (a
 * changed file is loaded again, once per content).
 */

/** The parts of FileSystemFileHandle the watcher uses (TypeScript's DOM typings lack some). */
export interface WatchedFileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}

/** The parts of FileSystemDirectoryHandle the watcher uses; tests pass fakes. */
export interface WatchedDirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<WatchedFileHandle | WatchedDirectoryHandle>;
  queryPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
}

/** What a loaded version of a file is known by. */
export type FileVersion = `${number}:${number}`;

export const versionOf = (f: { size: number; lastModified: number }): FileVersion => `${f.size}:${f.lastModified}`;

/** What the watcher keeps between polls and across reloads (plain data: stored in IndexedDB). */
export interface WatchMemory {
  /** Path → the version last loaded, or the version that was there at the grant (left alone). */
  loaded: Record<string, FileVersion>;
}

export type PollResult =
  /** Listed: `ready` are loaded now as one batch; `waiting` are still changing (seen once or grown since). */
  | { status: 'listed'; ready: Array<{ path: string; file: File }>; waiting: string[]; files: number }
  /** The browser no longer lets the page read the folder: a click on "Grant access again" can. */
  | { status: 'needs-permission' }
  /** The folder was removed or moved. */
  | { status: 'gone'; message: string };

/** Chrome writes `name.crswap` while a writable stream is open; dot files are hidden files. */
const ignored = (name: string) => name.startsWith('.') || name.endsWith('.crswap');

/** Every file under `dir`, with its path inside it, sorted by path. */
export async function listFolder(dir: WatchedDirectoryHandle, prefix = ''): Promise<Array<{ path: string; file: File }>> {
  const out: Array<{ path: string; file: File }> = [];
  for await (const entry of dir.values()) {
    if (ignored(entry.name)) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.kind === 'file') out.push({ path, file: await entry.getFile() });
    else out.push(...(await listFolder(entry, `${path}/`)));
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export class FolderWatcher {
  /** Path → the version seen at the last poll, for the stability rule. */
  private lastSeen = new Map<string, FileVersion>();

  constructor(
    readonly folder: WatchedDirectoryHandle,
    readonly memory: WatchMemory = { loaded: {} },
  ) {}

  /** At the grant: the files there now are left alone unless `loadExisting`; only later ones or changes load. */
  async baseline(loadExisting: boolean): Promise<void> {
    if (loadExisting) return;
    for (const { path, file } of await listFolder(this.folder)) this.memory.loaded[path] = versionOf(file);
  }

  /** Whether the page may read the folder now (no prompt: asking needs a click, see `askAgain`). */
  async permitted(): Promise<boolean> {
    return ((await this.folder.queryPermission?.({ mode: 'read' })) ?? 'granted') === 'granted';
  }

  /** Asks the user again; call it from a click. */
  async askAgain(): Promise<boolean> {
    return ((await this.folder.requestPermission?.({ mode: 'read' })) ?? 'granted') === 'granted';
  }

  async poll(): Promise<PollResult> {
    if (!(await this.permitted())) return { status: 'needs-permission' };
    let listing;
    try {
      listing = await listFolder(this.folder);
    } catch (e) {
      const error = e as DOMException;
      if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return { status: 'needs-permission' };
      if (error.name === 'NotFoundError') return { status: 'gone', message: `The folder "${this.folder.name}" was removed or moved.` };
      throw e;
    }
    const seen = new Map(listing.map(({ path, file }) => [path, versionOf(file)] as const));
    const ready: Array<{ path: string; file: File }> = [];
    const waiting: string[] = [];
    for (const { path, file } of listing) {
      const version = seen.get(path)!;
      if (this.memory.loaded[path] === version) continue;
      if (this.lastSeen.get(path) === version) ready.push({ path, file });
      else waiting.push(path);
    }
    this.lastSeen = seen;
    return { status: 'listed', ready, waiting, files: listing.length };
  }

  /** Call once the batch was handed to the load: these versions are not loaded again. */
  markLoaded(files: Array<{ path: string; file: File }>): void {
    for (const { path, file } of files) this.memory.loaded[path] = versionOf(file);
  }
}
