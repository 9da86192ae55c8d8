import { describe, expect, it } from 'vitest';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { Lakehouse } from '../lakehouse';
import { MANIFEST_FILE } from './manifest';
import { MemoryDirectory } from './memoryDirectory';
import { SavedLakehouse } from './savedLakehouse';

/** A folder whose writes take a while, as OPFS does for big files. */
class SlowDirectory extends MemoryDirectory {
  override async write(name: string, bytes: Uint8Array): Promise<void> {
    await new Promise((r) => setTimeout(r, 50));
    return super.write(name, bytes);
  }
}

describe('SavedLakehouse', () => {
  it('runs saves and clears one at a time, and idle() waits for the save under way', async () => {
    const lakehouse = new Lakehouse(await createNodeWasmEngine());
    try {
      await lakehouse.reset();
      await lakehouse.engine.exec('CREATE TABLE bronze.a AS SELECT range AS x FROM range(10); CREATE TABLE gold.b AS SELECT 1 AS y');
      const dir = new SlowDirectory();
      const saved = new SavedLakehouse(dir);
      const events: string[] = [];
      const first = saved.save(lakehouse).then(() => events.push('saved'));
      const cleared = saved.clear().then(() => events.push('cleared'));
      await saved.idle().then(() => events.push('idle'));
      await Promise.all([first, cleared]);
      // idle() was asked after both were queued, so it resolves after both, in order.
      expect(events).toEqual(['saved', 'cleared', 'idle']);
      expect(dir.files.size).toBe(0);

      const again = await saved.save(lakehouse);
      expect(again).toMatchObject({ tables: 2 });
      expect(dir.files.has(MANIFEST_FILE)).toBe(true);
      expect(await saved.restore(new Lakehouse(lakehouse.engine))).toMatchObject({ status: 'restored', tables: 2 });
    } finally {
      await lakehouse.engine.close();
    }
  });

  it('without a storage folder saves nothing and finds nothing', async () => {
    const saved = new SavedLakehouse(undefined);
    expect(saved.available).toBe(false);
    expect(await saved.restore(undefined as never)).toEqual({ status: 'empty' });
    expect(await saved.save(undefined as never)).toBeUndefined();
  });
});
