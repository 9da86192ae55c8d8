import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { useDemoLakehouse } from '../dashboard/testing/demoLakehouse';
import { Lakehouse } from '../lakehouse';
import { FORMAT_VERSION, MANIFEST_FILE, tableFileName } from './manifest';
import { MemoryDirectory } from './memoryDirectory';
import { restoreLakehouse } from './restoreLakehouse';
import { saveLakehouse } from './saveLakehouse';

const GOLD_REVENUE = 'SELECT sum(revenue)::DOUBLE AS r, count(*)::INTEGER AS n FROM gold.revenue_by_state';

describe('saving and restoring the demo lakehouse', () => {
  const demo = useDemoLakehouse();
  let dir: MemoryDirectory;
  let fresh: Lakehouse;

  beforeEach(async () => {
    dir = new MemoryDirectory();
    await saveLakehouse(demo(), dir);
    fresh = new Lakehouse(await createNodeWasmEngine());
    return () => fresh.engine.close();
  });

  it('gives back every table with the same rows, column types, gold numbers and reports', async () => {
    const before = await demo().tables();
    expect(before.some((t) => t.layer === 'quarantine')).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(dir.files.get(MANIFEST_FILE)));
    expect(manifest.version).toBe(FORMAT_VERSION);
    expect(manifest.tables.map((t: { layer: string; name: string }) => `${t.layer}.${t.name}`)).toEqual(before.map((t) => `${t.layer}.${t.name}`));
    expect(dir.files.size).toBe(before.length + 1);

    const result = await restoreLakehouse(fresh, dir);
    expect(result).toMatchObject({ status: 'restored', tables: before.length, bytes: manifest.bytes });
    expect(await fresh.tables()).toEqual(before);
    const [a, b] = [await demo().engine.query(GOLD_REVENUE), await fresh.engine.query(GOLD_REVENUE)];
    expect(b.get(0)!.toJSON()).toEqual(a.get(0)!.toJSON());
    expect(Number(a.get(0)!.r)).toBeGreaterThan(0);
    expect(fresh.session()).toEqual(demo().session());
    expect(fresh.session().pipeline?.models.length).toBeGreaterThan(10);
    // The restored gold feeds the dashboard as before.
    const dashboard = await fresh.dashboard({}, ['revenueByState']);
    expect(dashboard.charts[0].ipc.byteLength).toBeGreaterThan(0);
  });

  it('reports an empty folder as nothing saved', async () => {
    expect(await restoreLakehouse(fresh, new MemoryDirectory())).toEqual({ status: 'empty' });
  });

  const damages: Array<[string, (d: MemoryDirectory) => void, RegExp]> = [
    ['a missing table file', (d) => d.files.delete(tableFileName('gold', 'rfm')), /file of gold\.rfm is missing/],
    ['a file cut short', (d) => d.files.set(tableFileName('silver', 'orders'), d.files.get(tableFileName('silver', 'orders'))!.slice(0, 100)), /silver\.orders has 100 bytes where \d+ were saved/],
    ['a file overwritten with garbage of the same size', (d) => d.files.get(tableFileName('bronze', 'orders'))!.fill(7, 10, 60), /bronze\.orders does not match its checksum/],
    ['a save without a manifest', (d) => d.files.delete(MANIFEST_FILE), /a save did not finish \(\d+ files without a manifest\)/],
    ['a manifest of an unknown version', (d) => setManifest(d, (m) => ({ ...m, version: 99 })), /format version 99/],
    ['a manifest that is not JSON', (d) => d.files.set(MANIFEST_FILE, new TextEncoder().encode('{"format":"pocket-lake')), /not readable JSON/],
    ['a manifest pointing outside its naming', (d) => setManifest(d, (m) => ({ ...m, tables: m.tables.map((t: { file: string }, i: number) => (i ? t : { ...t, file: '../x' })) })), /cannot describe/],
  ];

  it.each(damages)('detects %s and leaves the lakehouse empty', async (_what, damage, message) => {
    damage(dir);
    const result = await restoreLakehouse(fresh, dir);
    expect(result.status).toBe('damaged');
    expect(result.status === 'damaged' && result.message).toMatch(message);
    expect(await fresh.tables()).toEqual([]);
  });

  it('leaves the lakehouse empty when a file with a matching checksum is not Parquet', async () => {
    const file = tableFileName('gold', 'customer_ltv');
    const garbage = new TextEncoder().encode('not a parquet file at all');
    dir.files.set(file, garbage);
    const { sha256 } = await import('./sha256');
    const hash = await sha256(garbage);
    setManifest(dir, (m) => ({ ...m, tables: m.tables.map((t: { file: string }) => (t.file === file ? { ...t, bytes: garbage.byteLength, sha256: hash } : t)) }));
    const result = await restoreLakehouse(fresh, dir);
    expect(result.status === 'damaged' && result.message).toMatch(/gold\.customer_ltv could not be read back/);
    expect(await fresh.tables()).toEqual([]);
    expect(fresh.session().pipeline).toBeUndefined();
  });
});

describe('saveLakehouse', () => {
  it('round-trips odd table names, HUGEINT and empty tables', async () => {
    const source = new Lakehouse(await createNodeWasmEngine());
    const target = new Lakehouse(await createNodeWasmEngine());
    try {
      await source.reset();
      await source.engine.exec(`CREATE TABLE gold."x""; DROP TABLE gold.y; --/.." AS SELECT 1::HUGEINT AS h, 'a' AS "we""ird";
        CREATE TABLE quarantine.empty (id INTEGER, ts TIMESTAMP, amount DECIMAL(12,2), _reason VARCHAR)`);
      const dir = new MemoryDirectory();
      await saveLakehouse(source, dir);
      expect(await restoreLakehouse(target, dir)).toMatchObject({ status: 'restored', tables: 2 });
      expect(await target.tables()).toEqual(await source.tables());
    } finally {
      await source.engine.close();
      await target.engine.close();
    }
  });

  it('clears the folder when a write fails, rather than leave half a save', async () => {
    const lakehouse = new Lakehouse(await createNodeWasmEngine());
    try {
      await lakehouse.reset();
      await lakehouse.engine.exec('CREATE TABLE bronze.a AS SELECT 1 AS x; CREATE TABLE bronze.b AS SELECT 2 AS x');
      const dir = new MemoryDirectory();
      let writes = 0;
      const full = Object.assign(Object.create(dir), {
        write: async (name: string, bytes: Uint8Array) => {
          if (++writes === 2) throw new Error('QuotaExceededError');
          return dir.write(name, bytes);
        },
      });
      await expect(saveLakehouse(lakehouse, full)).rejects.toThrow(/could not be saved in browser storage \(QuotaExceededError\)/);
      expect(dir.files.size).toBe(0);
    } finally {
      await lakehouse.engine.close();
    }
  });
});

function setManifest(dir: MemoryDirectory, change: (m: Record<string, never> & { tables: never[] }) => unknown): void {
  const manifest = JSON.parse(new TextDecoder().decode(dir.files.get(MANIFEST_FILE)));
  dir.files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(change(manifest))));
}
