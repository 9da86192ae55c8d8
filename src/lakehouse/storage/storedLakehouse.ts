import type { Engine } from '../../engine/interface';
import { Lakehouse } from '../lakehouse';
import { storedTables } from './storedTables';
import { clearDirectory, type StorageDirectory } from './storageDirectory';
import { createManifest, DATABASE_FILE, MANIFEST_FILE, type StoredManifest } from './storedManifest';
import { inspectStorage } from './inspectStorage';
import { tablesDiffer } from './tablesDiffer';

export type RestoreResult =
  | { status: 'empty' }
  | { status: 'restored'; tables: number; bytes: number; savedAt: string; milliseconds: number; phases?: Record<string, number> }
  /** The stored lakehouse cannot be used; the message says why, and the app offers Reset. */
  | { status: 'damaged'; message: string }
  /** Another tab has the stored lakehouse open: this one works in memory and stores nothing. */
  | { status: 'elsewhere'; message: string };

export interface SaveResult {
  tables: number;
  /** The database file's size after the checkpoint. */
  bytes: number;
  savedAt: string;
  milliseconds: number;
}

/**
 * Where a started engine's database lives: the stored database file (read-write), memory,
 * or a copy of the stored file's bytes (read-only).
 */
export type EngineSource = 'file' | 'memory' | { snapshot: Uint8Array };

/**
 * How a worker uses the stored lakehouse: `stored` — the app, which writes it (one tab at
 * a time); `read-only` — an embed showing it, from a copy of the file taken at its last
 * checkpoint, so it never locks or writes the file the app has open; `memory` — not at
 * all (an embed of the demo).
 */
export type StorageUse = 'stored' | 'read-only' | 'memory';

/** What the store needs from its host (the browser worker; tests pass their own). */
export interface StorageHost {
  /** The folder of the database file and its manifest; undefined where there is none (no OPFS). */
  folder?: StorageDirectory & { waitUntilFree?(name: string): Promise<void> };
  /** True when this worker may write the stored lakehouse (see writerLock.ts). */
  takeLock(): Promise<boolean>;
  openEngine(source: EngineSource): Promise<Engine>;
}

export const ELSEWHERE =
  'Pocket Lakehouse is open in another tab of this browser, which has the stored lakehouse: this tab works in memory and stores nothing. Close the other tab and reload this one to open the stored lakehouse.';

export const NO_ROOM = 'Browser storage is full: the lakehouse cannot be stored in this browser, so this tab works in memory and stores nothing until there is room. Reset removes what an earlier lakehouse left there; the browser\'s site settings show what else uses the space';

const damaged = (why: string): RestoreResult => ({ status: 'damaged', message: `The lakehouse stored in this browser cannot be opened: ${why}.` });

/**
 * The lakehouse stored in browser storage as one DuckDB database file (OPFS): tables are
 * written there as they are built, and a reload re-attaches the file instead of
 * re-inserting anything. A manifest (the checkpoint marker) is removed before every change
 * and written after the CHECKPOINT that follows it, with the file's size, every table's
 * rows and columns and the session's reports; a start-up that finds no marker, another
 * format version, a file of another size or tables that differ reports the store as
 * damaged and works in memory until the user resets it — never on a half-written state.
 */
export class StoredLakehouse {
  /** True while the engine works on the database file (false: in memory, nothing is stored). */
  private onFile = false;
  /** True once this worker holds the writer lock (kept until it ends). */
  private locked = false;
  /** Saves and clears, one at a time. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: StorageHost) {}

  get stored(): boolean {
    return this.onFile;
  }

  /** Start-up: the lakehouse to work on, and what became of the stored one. */
  async open(use: StorageUse = 'stored'): Promise<{ lakehouse: Lakehouse; result: RestoreResult }> {
    const started = performance.now();
    const folder = this.host.folder;
    if (!folder || use === 'memory') return { lakehouse: await this.inMemory(), result: { status: 'empty' } };
    if (use === 'read-only') return this.openCopy(folder, started);
    const phases: Record<string, number> = {};
    const lap = (name: string) => (phases[name] = Math.round(performance.now() - started - Object.values(phases).reduce((a, b) => a + b, 0)));
    this.locked = await this.host.takeLock();
    lap('lock');
    if (!this.locked) return { lakehouse: await this.inMemory(), result: { status: 'elsewhere', message: ELSEWHERE } };
    // Making the folder is the first write to browser storage: it fails when there is no room.
    const found = await inspectStorage(folder).catch((error: unknown) => error as Error);
    if (found instanceof Error) return this.noRoom(found);
    lap('marker');
    if (found.status === 'damaged') return { lakehouse: await this.inMemory(), result: damaged(found.why) };
    if (found.status === 'empty') return this.fresh().then((lakehouse) => ({ lakehouse, result: { status: 'empty' } }), (error: unknown) => this.noRoom(error));
    let engine: Engine;
    try {
      await folder.waitUntilFree?.(DATABASE_FILE);
      lap('file free');
      engine = await openFileEngine(this.host);
      lap('engine');
    } catch (error) {
      return { lakehouse: await this.inMemory(), result: damaged(`DuckDB could not open its database file (${(error as Error).message})`) };
    }
    const opened = await this.adopt(engine, found.manifest, started);
    lap('tables checked');
    if (opened.result.status === 'restored') opened.result.phases = phases;
    this.onFile = opened.result.status !== 'damaged';
    return opened;
  }

  /** The engine's tables checked against the marker: restored when they match, else damaged (and in memory). */
  private async adopt(engine: Engine, manifest: StoredManifest, started: number): Promise<{ lakehouse: Lakehouse; result: RestoreResult }> {
    const lakehouse = new Lakehouse(engine);
    const differs = await lakehouseDiffers(lakehouse, manifest);
    if (differs) {
      await engine.close();
      return { lakehouse: await this.inMemory(), result: damaged(differs) };
    }
    lakehouse.adoptSession(manifest.session);
    if (manifest.tables.length === 0) return { lakehouse, result: { status: 'empty' } };
    const { tables, databaseBytes: bytes, savedAt } = manifest;
    return { lakehouse, result: { status: 'restored', tables: tables.length, bytes, savedAt, milliseconds: performance.now() - started } };
  }

  /**
   * Read-only: the database file's bytes as of its last checkpoint (reading takes no
   * lock), opened read-only in memory. The marker is read before and after the copy, so a
   * checkpoint made meanwhile is noticed rather than mixed in.
   */
  private async openCopy(folder: StorageDirectory, started: number): Promise<{ lakehouse: Lakehouse; result: RestoreResult }> {
    const found = await inspectStorage(folder);
    if (found.status !== 'checkpointed') return { lakehouse: await this.inMemory(), result: found.status === 'empty' ? found : damaged(found.why) };
    const snapshot = await folder.read(DATABASE_FILE);
    const after = await inspectStorage(folder);
    if (!snapshot || snapshot.byteLength !== found.manifest.databaseBytes || after.status !== 'checkpointed' || after.manifest.savedAt !== found.manifest.savedAt) {
      return { lakehouse: await this.inMemory(), result: damaged('the app changed it while it was being read; reload to try again') };
    }
    let engine: Engine;
    try {
      engine = await this.host.openEngine({ snapshot });
    } catch (error) {
      return { lakehouse: await this.inMemory(), result: damaged(`DuckDB could not open a copy of its database file (${(error as Error).message})`) };
    }
    return this.adopt(engine, found.manifest, started);
  }

  /** Resolves once no save or clear is running. */
  idle(): Promise<void> {
    return this.pending.then(() => undefined);
  }

  /**
   * Before a load or a run changes the tables: the marker goes first, so that a tab
   * closed (or a disk filled) half-way leaves a store that says it is unfinished.
   */
  async changing(): Promise<void> {
    await this.idle();
    if (this.onFile) await this.host.folder!.remove(MANIFEST_FILE);
  }

  /** After a run: CHECKPOINT (every change into the database file), then the marker. Undefined when nothing is stored. */
  save(lakehouse: Lakehouse): Promise<SaveResult | undefined> {
    // One of the lakehouse's writers too: a re-run started during the save waits for it.
    return this.queue(async () => (this.onFile ? lakehouse.exclusive(() => this.checkpoint(lakehouse)) : undefined));
  }

  /**
   * Reset: closes the engine, removes the database file and its marker (freeing the
   * space), and starts on a new, empty file — also the way out of a damaged store.
   * Without the lock (another tab has the store, or an embed) only this tab's memory is cleared.
   */
  reset(lakehouse: Lakehouse): Promise<Lakehouse> {
    return this.queue(async () => {
      if (!this.host.folder || !this.locked) {
        await lakehouse.reset();
        return lakehouse;
      }
      this.onFile = false;
      await lakehouse.engine.close();
      await clearDirectory(this.host.folder);
      return this.fresh();
    });
  }

  private async checkpoint(lakehouse: Lakehouse): Promise<SaveResult> {
    const started = performance.now();
    const folder = this.host.folder!;
    try {
      await lakehouse.dropWorkingTables();
      // DuckDB runs a CHECKPOINT as one step that cannot give way to a click (5.6 s at sf=1:
      // it writes the whole run into the file, DuckDB-WASM keeping it in memory until then),
      // so it starts only once the dashboard has had no click for a while.
      await lakehouse.interactive.quiet(CHECKPOINT_QUIET_MS, CHECKPOINT_MAX_WAIT_MS);
      await lakehouse.engine.exec('CHECKPOINT');
      const tables = await storedTables(lakehouse.engine);
      const manifest = createManifest(tables, (await folder.size(DATABASE_FILE)) ?? 0, lakehouse.session());
      await folder.write(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
      return { tables: tables.length, bytes: manifest.databaseBytes, savedAt: manifest.savedAt, milliseconds: performance.now() - started };
    } catch (error) {
      await folder.remove(MANIFEST_FILE).catch(() => undefined);
      const why = (error as Error).message;
      if (/quota/i.test(why)) {
        throw new Error(`Browser storage is full: the lakehouse could not be stored (${why}). It stays in this tab until the tab closes; the stored copy is marked unfinished, and Reset frees the space. For data this size, load fewer files or use the command line's native engine.`);
      }
      throw new Error(`The lakehouse could not be stored in this browser (${why}); it is not marked as saved, and Reset clears it.`);
    }
  }

  /** A new database file, marked at once as an empty lakehouse (so a start-up finds it whole). */
  private async fresh(): Promise<Lakehouse> {
    const folder = this.host.folder!;
    await clearDirectory(folder);
    const lakehouse = new Lakehouse(await openFileEngine(this.host));
    await lakehouse.reset();
    this.onFile = true;
    await this.checkpoint(lakehouse);
    return lakehouse;
  }

  /**
   * A new database file could not be made because browser storage is full (DuckDB's open
   * fails at once): the tab works in memory, says why, and offers Reset. Other errors
   * are DuckDB's own and go on to the page.
   */
  private async noRoom(error: unknown): Promise<{ lakehouse: Lakehouse; result: RestoreResult }> {
    const why = (error as Error).message ?? String(error);
    if (!/quota/i.test(why)) throw error;
    await this.host.folder!.remove(MANIFEST_FILE).catch(() => undefined);
    return { lakehouse: await this.inMemory(), result: { status: 'damaged', message: `${NO_ROOM} (${why})` } };
  }

  private async inMemory(): Promise<Lakehouse> {
    this.onFile = false;
    const lakehouse = new Lakehouse(await this.host.openEngine('memory'));
    await lakehouse.reset();
    return lakehouse;
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.pending.then(work);
    this.pending = next.catch(() => undefined);
    return next;
  }
}

/**
 * The save's CHECKPOINT waits until the dashboard has had no click for this long (a user
 * looking at a chart), and for CHECKPOINT_MAX_WAIT_MS at most (a user clicking on and on
 * then meets it once rather than the lakehouse staying unsaved).
 */
export const CHECKPOINT_QUIET_MS = 2000;
export const CHECKPOINT_MAX_WAIT_MS = 30_000;

/**
 * How much write-ahead log DuckDB lets grow before it checkpoints on its own. Its default
 * (16 MB) made the demo's run checkpoint the whole database file several times in the
 * middle of its version commit and dashboard build (the first version copies every table):
 * on OPFS that was most of the version commit's time, and the first chart waited for it
 * (bench/results/first-chart.md). The save after every run checkpoints anyway; a larger
 * log only moves that work there, and still bounds what a large load keeps un-checkpointed
 * (in memory) between saves.
 */
export const CHECKPOINT_THRESHOLD = '256MB';

async function openFileEngine(host: StorageHost): Promise<Engine> {
  const engine = await host.openEngine('file');
  await engine.exec(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
  return engine;
}

async function lakehouseDiffers(lakehouse: Lakehouse, manifest: StoredManifest): Promise<string | undefined> {
  try {
    return tablesDiffer(await storedTables(lakehouse.engine), manifest.tables);
  } catch (error) {
    return `its tables cannot be read (${(error as Error).message})`;
  }
}
