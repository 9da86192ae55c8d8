import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { MemoryDirectory } from './memoryDirectory';
import { CHECKPOINT_QUIET_MS, ELSEWHERE, NO_ROOM, StoredLakehouse, type EngineSource, type StorageHost } from './storedLakehouse';
import { DATABASE_FILE, FORMAT_VERSION, MANIFEST_FILE } from './storedManifest';

/*
 * The store's decisions, in Node: DuckDB-WASM's Node build cannot reopen a database file,
 * so "the file" is one engine that outlives the store's close() (as OPFS outlives a
 * reload), and the folder holds a stand-in database file whose size the host sets. The
 * real file in Chromium is tested by e2e/storedLakehouse.spec.ts and e2e/persistence.spec.ts.
 */
let file: Engine;
let memories: Engine[] = [];

beforeAll(async () => {
  file = await createNodeWasmEngine();
});
afterAll(async () => {
  await file.close();
  for (const m of memories) await m.close();
});

class FakeHost implements StorageHost {
  readonly opened: EngineSource[] = [];
  closes = 0;
  constructor(
    readonly folder = new MemoryDirectory(),
    private readonly lock = true,
  ) {}

  async takeLock(): Promise<boolean> {
    return this.lock;
  }

  async openEngine(source: EngineSource): Promise<Engine> {
    this.opened.push(source);
    if (source === 'memory') {
      const memory = await createNodeWasmEngine();
      memories.push(memory);
      return memory;
    }
    // DuckDB creates the file on open; its size grows with what is written.
    if (!this.folder.files.has(DATABASE_FILE)) this.folder.files.set(DATABASE_FILE, new Uint8Array(12_288));
    return Object.assign(Object.create(file) as Engine, { close: async () => void this.closes++ });
  }
}

const manifestOf = (host: FakeHost) => JSON.parse(new TextDecoder().decode(host.folder.files.get(MANIFEST_FILE)));

/** A store with gold.a (3 rows) and bronze.b checkpointed, and its host. */
async function checkpointed(): Promise<FakeHost> {
  const host = new FakeHost();
  const store = new StoredLakehouse(host);
  const { lakehouse, result } = await store.open();
  expect(result).toEqual({ status: 'empty' });
  await store.changing();
  await lakehouse.engine.exec('CREATE TABLE gold.a AS SELECT range AS x FROM range(3); CREATE TABLE bronze.b (id INTEGER, name VARCHAR)');
  host.folder.files.set(DATABASE_FILE, new Uint8Array(40_000)); // the tables made the file longer
  expect(await store.save(lakehouse)).toMatchObject({ tables: 2, bytes: 40_000 });
  return host;
}

describe('StoredLakehouse', () => {
  beforeEach(async () => {
    await file.exec('DROP SCHEMA IF EXISTS gold CASCADE; DROP SCHEMA IF EXISTS bronze CASCADE');
    memories = [];
  });

  it('starts a new file and marks it at once as an empty lakehouse', async () => {
    const host = new FakeHost();
    const { result } = await new StoredLakehouse(host).open();
    expect(result).toEqual({ status: 'empty' });
    expect(host.opened).toEqual(['file']);
    expect(manifestOf(host)).toMatchObject({ version: FORMAT_VERSION, tables: [], databaseBytes: 12_288 });
  });

  it('re-attaches a checkpointed file: every table, rows and columns checked, the session taken over', async () => {
    const host = await checkpointed();
    expect(manifestOf(host).tables).toEqual([
      { layer: 'bronze', name: 'b', rows: 0, columns: [{ name: 'id', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }] },
      { layer: 'gold', name: 'a', rows: 3, columns: [{ name: 'x', type: 'BIGINT' }] },
    ]);
    const again = new FakeHost(host.folder);
    const { lakehouse, result } = await new StoredLakehouse(again).open();
    expect(result).toMatchObject({ status: 'restored', tables: 2, bytes: 40_000 });
    expect(again.opened).toEqual(['file']);
    expect((await lakehouse.tables()).map((t) => `${t.layer}.${t.name}:${t.rows}`)).toEqual(['bronze.b:0', 'gold.a:3']);
  });

  it("lets the write-ahead log grow past DuckDB's default on the file, new or re-attached, so a run does not checkpoint in its middle", async () => {
    const threshold = async (engine: Engine) => String((await engine.query("SELECT current_setting('checkpoint_threshold') AS t")).get(0)!.t);
    await file.exec('RESET checkpoint_threshold');
    const byDefault = await threshold(file);
    const fresh = await new StoredLakehouse(new FakeHost()).open();
    expect(await threshold(fresh.lakehouse.engine)).not.toBe(byDefault);
    await file.exec('RESET checkpoint_threshold');
    const host = await checkpointed();
    await file.exec('RESET checkpoint_threshold');
    const again = await new StoredLakehouse(new FakeHost(host.folder)).open();
    expect(again.result.status).toBe('restored');
    expect(await threshold(again.lakehouse.engine)).not.toBe(byDefault);
    // In memory there is no file to checkpoint: the setting stays DuckDB's.
    const memory = await new StoredLakehouse(new FakeHost()).open('memory');
    expect(await threshold(memory.lakehouse.engine)).toBe(byDefault);
  });

  it('removes the marker before a change, so a change cut short is not taken for a checkpoint', async () => {
    const host = await checkpointed();
    const store = new StoredLakehouse(new FakeHost(host.folder));
    await store.open();
    await store.changing();
    expect(host.folder.files.has(MANIFEST_FILE)).toBe(false);
    const { result } = await new StoredLakehouse(new FakeHost(host.folder)).open();
    expect(result).toEqual({ status: 'damaged', message: expect.stringContaining('a change did not finish: the checkpoint marker is missing (1 file without it)') });
  });

  const damages: Array<[string, (host: FakeHost) => Promise<unknown> | void, string]> = [
    ['a file cut short', (h) => void h.folder.files.set(DATABASE_FILE, new Uint8Array(39_999)), 'its database file has 39999 bytes where 40000 were checkpointed (it was cut short)'],
    ['a missing file', (h) => void h.folder.files.delete(DATABASE_FILE), 'its database file is missing'],
    ['a marker of another format version', (h) => setManifest(h, (m) => ({ ...m, version: 1 })), `it was saved in format version 1, and this version of the app reads version ${FORMAT_VERSION}`],
    ['a marker that is not JSON', (h) => void h.folder.files.set(MANIFEST_FILE, new TextEncoder().encode('{"format":')), 'its checkpoint marker is not readable JSON (it was damaged)'],
    ['a table with other rows', () => file.exec('INSERT INTO gold.a VALUES (9)'), 'gold.a has 4 rows where 3 were checkpointed'],
    ['a table gone', () => file.exec('DROP TABLE bronze.b'), 'bronze.b is missing from its database file'],
    ['a table not checkpointed', () => file.exec('CREATE TABLE gold.c AS SELECT 1 AS y'), 'its database file holds gold.c, which the checkpoint did not list'],
    ['other columns', () => file.exec('ALTER TABLE bronze.b ADD COLUMN z INTEGER'), 'the columns of bronze.b differ from those checkpointed'],
  ];

  it.each(damages)('reports %s as damaged and works in memory without opening the file for changes', async (_what, damage, message) => {
    const host = await checkpointed();
    await damage(host);
    const again = new FakeHost(host.folder);
    const store = new StoredLakehouse(again);
    const { lakehouse, result } = await store.open();
    expect(result).toEqual({ status: 'damaged', message: `The lakehouse stored in this browser cannot be opened: ${message}.` });
    expect(again.opened.at(-1)).toBe('memory');
    expect(await lakehouse.tables()).toEqual([]);
    expect(store.stored).toBe(false);
    expect(await store.save(lakehouse)).toBeUndefined();
  });

  it("the save's CHECKPOINT (one step that cannot give way) waits until the dashboard has had no click for a while", async () => {
    const host = new FakeHost();
    const store = new StoredLakehouse(host);
    const { lakehouse } = await store.open();
    const sent: string[] = [];
    const exec = lakehouse.engine.exec.bind(lakehouse.engine);
    lakehouse.engine.exec = (sql) => (sent.push(`${Math.round(performance.now())} ${sql}`), exec(sql));
    // A click being drawn when the save begins, and done 200 ms later.
    let release!: () => void;
    const click = lakehouse.interactive.track(() => new Promise<void>((resolve) => (release = resolve)));
    const clickEnds = new Promise<number>((resolve) => setTimeout(() => (release(), resolve(performance.now())), 200));
    expect(await store.save(lakehouse)).toMatchObject({ tables: 0 });
    await click;
    const checkpointAt = Number(sent.find((s) => s.endsWith(' CHECKPOINT'))!.split(' ')[0]);
    expect(checkpointAt - (await clickEnds)).toBeGreaterThanOrEqual(CHECKPOINT_QUIET_MS - 20);
  });

  it('a longer file is fine (working tables written after the checkpoint)', async () => {
    const host = await checkpointed();
    host.folder.files.set(DATABASE_FILE, new Uint8Array(50_000));
    expect((await new StoredLakehouse(new FakeHost(host.folder)).open()).result.status).toBe('restored');
  });

  it('Reset closes the engine, removes the files and starts an empty file, also from a damaged store', async () => {
    const host = await checkpointed();
    host.folder.files.delete(MANIFEST_FILE);
    const again = new FakeHost(host.folder);
    const store = new StoredLakehouse(again);
    const { lakehouse } = await store.open();
    const fresh = await store.reset(lakehouse);
    expect(again.opened).toEqual(['memory', 'file']);
    expect(store.stored).toBe(true);
    expect(manifestOf(again).tables).toEqual([]);
    expect(await fresh.tables()).toEqual([]);
  });

  it('when browser storage has no room for a new file, works in memory and says why, with Reset', async () => {
    const host = new FakeHost();
    host.openEngine = async (source) => {
      host.opened.push(source);
      if (source !== 'memory') throw new Error('The operation failed because it would cause the application to exceed its storage quota.');
      const memory = await createNodeWasmEngine();
      memories.push(memory);
      return memory;
    };
    const store = new StoredLakehouse(host);
    const { lakehouse, result } = await store.open();
    expect(result).toEqual({ status: 'damaged', message: expect.stringContaining(NO_ROOM) });
    expect(result.status === 'damaged' && result.message).toMatch(/storage quota/);
    expect(host.opened).toEqual(['file', 'memory']);
    // Usable, and nothing is stored or marked.
    await lakehouse.engine.exec('CREATE TABLE gold.t AS SELECT 1 AS x');
    expect(await store.save(lakehouse)).toBeUndefined();
    expect(host.folder.files.has(MANIFEST_FILE)).toBe(false);
  });

  it('when browser storage has no room even for its folder, works in memory and says why', async () => {
    const host = new FakeHost();
    host.folder.list = async () => {
      throw new Error('The operation failed because it would cause the application to exceed its storage quota.');
    };
    const { lakehouse, result } = await new StoredLakehouse(host).open();
    expect(result).toEqual({ status: 'damaged', message: expect.stringContaining(NO_ROOM) });
    expect(host.opened).toEqual(['memory']);
    expect(Number((await lakehouse.engine.query('SELECT 41 + 1 AS n')).get(0)!.n)).toBe(42);
  });

  it('without the writer lock (another tab has the file) works in memory, says so, and stores nothing', async () => {
    const host = await checkpointed();
    const other = new FakeHost(host.folder, false);
    const store = new StoredLakehouse(other);
    const { lakehouse, result } = await store.open();
    expect(result).toEqual({ status: 'elsewhere', message: ELSEWHERE });
    expect(other.opened).toEqual(['memory']);
    expect(await store.save(lakehouse)).toBeUndefined();
    await store.changing();
    expect(host.folder.files.has(MANIFEST_FILE)).toBe(true);
    // Its Reset clears its own memory only.
    await store.reset(lakehouse);
    expect(host.folder.files.has(MANIFEST_FILE)).toBe(true);
  });

  it('read-only (an embed) opens a copy of the checkpointed file and never writes the folder', async () => {
    const host = await checkpointed();
    const before = new Map(host.folder.files);
    const embed = new FakeHost(host.folder, false);
    const { result } = await new StoredLakehouse(embed).open('read-only');
    expect(result).toMatchObject({ status: 'restored', tables: 2 });
    expect(embed.opened).toEqual([{ snapshot: expect.any(Uint8Array) }]);
    expect(host.folder.files).toEqual(before);
  });
});

function setManifest(host: FakeHost, change: (m: Record<string, unknown>) => unknown): void {
  host.folder.files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(change(manifestOf(host)))));
}
