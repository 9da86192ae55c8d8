import { describe, expect, it } from 'vitest';
import { FolderWatcher, type PollResult, type WatchedDirectoryHandle, type WatchedFileHandle } from './folderWatcher';

/** An in-memory folder: files by path (one level of subfolders is enough here). */
class FakeFolder implements WatchedDirectoryHandle {
  readonly kind = 'directory';
  files = new Map<string, { text: string; lastModified: number }>();
  permission: PermissionState = 'granted';
  removed = false;
  constructor(readonly name = 'inbox') {}

  write(path: string, text: string, lastModified: number) {
    this.files.set(path, { text, lastModified });
  }

  async *values(): AsyncIterable<WatchedFileHandle | WatchedDirectoryHandle> {
    if (this.removed) throw new DOMException('gone', 'NotFoundError');
    const subfolders = new Map<string, FakeFolder>();
    for (const [path, f] of this.files) {
      const [head, ...rest] = path.split('/');
      if (rest.length) {
        const sub = subfolders.get(head!) ?? new FakeFolder(head);
        sub.write(rest.join('/'), f.text, f.lastModified);
        subfolders.set(head!, sub);
      } else yield { kind: 'file', name: path, getFile: async () => new File([f.text], path, { lastModified: f.lastModified }) };
    }
    yield* subfolders.values();
  }

  async queryPermission(): Promise<PermissionState> {
    return this.permission;
  }

  async requestPermission(): Promise<PermissionState> {
    return (this.permission = 'granted');
  }
}

const paths = (files: Array<{ path: string }>) => files.map((f) => f.path);

/** The files a poll found ready; fails the test when the poll did not list the folder. */
function readyOf(result: PollResult) {
  if (result.status !== 'listed') throw new Error(`the poll said ${result.status}`);
  return result.ready;
}

describe('FolderWatcher', () => {
  it('takes a new file once its size and time held across two polls, and only once', async () => {
    const folder = new FakeFolder();
    const watcher = new FolderWatcher(folder);
    await watcher.baseline(false);
    folder.write('orders.csv', 'a,b\n1,2\n', 1000);
    const first = await watcher.poll();
    expect(first).toMatchObject({ status: 'listed', ready: [], waiting: ['orders.csv'] });
    const second = await watcher.poll();
    if (second.status !== 'listed') throw new Error(second.status);
    expect(paths(second.ready)).toEqual(['orders.csv']);
    expect(await second.ready[0]!.file.text()).toBe('a,b\n1,2\n');
    watcher.markLoaded(second.ready);
    expect(await watcher.poll()).toMatchObject({ status: 'listed', ready: [], waiting: [] });
    expect(await watcher.poll()).toMatchObject({ status: 'listed', ready: [], waiting: [] });
  });

  it('waits while a file grows, then takes it whole', async () => {
    const folder = new FakeFolder();
    const watcher = new FolderWatcher(folder);
    let text = 'a,b\n';
    for (let i = 0; i < 4; i++) {
      text += `${i},x\n`;
      folder.write('growing.csv', text, 2000 + i);
      expect(await watcher.poll()).toMatchObject({ ready: [], waiting: ['growing.csv'] });
    }
    const settled = await watcher.poll();
    if (settled.status !== 'listed') throw new Error(settled.status);
    expect(await settled.ready[0]!.file.text()).toBe(text);
  });

  it('loads a changed file again, as a new version, and leaves unchanged ones alone', async () => {
    const folder = new FakeFolder();
    folder.write('a.csv', 'x\n1\n', 1);
    folder.write('sub/b.csv', 'y\n2\n', 1);
    const watcher = new FolderWatcher(folder);
    await watcher.poll();
    const both = await watcher.poll();
    if (both.status !== 'listed') throw new Error(both.status);
    expect(paths(both.ready)).toEqual(['a.csv', 'sub/b.csv']);
    watcher.markLoaded(both.ready);
    folder.write('a.csv', 'x\n1\n3\n', 5);
    await watcher.poll();
    expect(paths(readyOf(await watcher.poll()))).toEqual(['a.csv']);
  });

  it('leaves the files there at the grant alone unless asked to load them', async () => {
    const folder = new FakeFolder();
    folder.write('old.csv', 'x\n1\n', 1);
    const leaving = new FolderWatcher(folder);
    await leaving.baseline(false);
    await leaving.poll();
    expect(await leaving.poll()).toMatchObject({ ready: [], waiting: [], files: 1 });
    const loading = new FolderWatcher(folder);
    await loading.baseline(true);
    await loading.poll();
    expect(paths(readyOf(await loading.poll()))).toEqual(['old.csv']);
  });

  it('remembers what it loaded across a new watcher on the same memory (a reload)', async () => {
    const folder = new FakeFolder();
    folder.write('a.csv', 'x\n1\n', 1);
    const before = new FolderWatcher(folder);
    await before.poll();
    before.markLoaded(readyOf(await before.poll()));
    const after = new FolderWatcher(folder, JSON.parse(JSON.stringify(before.memory)));
    await after.poll();
    expect(await after.poll()).toMatchObject({ ready: [], waiting: [] });
  });

  it('ignores hidden files and the swap files Chrome writes while saving', async () => {
    const folder = new FakeFolder();
    folder.write('.DS_Store', 'x', 1);
    folder.write('orders.csv.crswap', 'half', 1);
    const watcher = new FolderWatcher(folder);
    await watcher.poll();
    expect(await watcher.poll()).toMatchObject({ ready: [], waiting: [], files: 0 });
  });

  it('says when the permission is gone, and asking again restores it', async () => {
    const folder = new FakeFolder();
    const watcher = new FolderWatcher(folder);
    folder.permission = 'prompt';
    expect(await watcher.poll()).toEqual({ status: 'needs-permission' });
    expect(await watcher.askAgain()).toBe(true);
    expect(await watcher.poll()).toMatchObject({ status: 'listed' });
  });

  it('says when the folder was removed', async () => {
    const folder = new FakeFolder('inbox');
    const watcher = new FolderWatcher(folder);
    folder.removed = true;
    expect(await watcher.poll()).toEqual({ status: 'gone', message: 'The folder "inbox" was removed or moved.' });
  });
});
