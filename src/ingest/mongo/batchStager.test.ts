import { describe, expect, it } from 'vitest';
import { EJSON } from 'bson';
import type { Table } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { BatchStager } from './batchStager';
import { planCollection } from './collectionPlan';
import { CollectionProfile } from './fieldProfile';

const docs = [1, 2, 3].map((v) => EJSON.parse(`{"v":${v}}`, { relaxed: false }) as Record<string, unknown>);
const profile = new CollectionProfile();
for (const d of docs) profile.add(d);
const plan = planCollection(profile);
const CONSTANTS = { source: 'f.json', kind: 'json', loadedAtMicros: 0n };

/** An engine whose inserts finish only when the test says so, and which records the order. */
function controlledEngine() {
  const events: string[] = [];
  const pending: { table: string; done: () => void; fail: (e: Error) => void }[] = [];
  const engine = {
    insertArrow: (table: string, data: Table, known?: string) =>
      new Promise<void>((done, fail) => {
        events.push(`start ${table} (${data.numRows} rows, ${known})`);
        pending.push({ table, done: () => (events.push(`end ${table}`), done()), fail });
      }),
    exec: async (sql: string) => void events.push(sql),
  } as unknown as Engine;
  return { engine, events, pending };
}

describe('BatchStager', () => {
  it('builds the next batch while one insert is in flight, and keeps one in flight at most', async () => {
    const { engine, events, pending } = controlledEngine();
    const stager = new BatchStager(engine, 'bronze', '_s', plan, CONSTANTS, { rows: 1, bytes: 1 << 20 });
    stager.append({ row: 1, byteOffset: 0, byteLength: 1, doc: docs[0]! });
    await stager.flush(); // returns while the insert is still running
    expect(events).toEqual(['start bronze._s (1 rows, new)']);
    stager.append({ row: 2, byteOffset: 1, byteLength: 1, doc: docs[1]! });
    const second = stager.flush();
    await Promise.resolve();
    expect(events).toEqual(['start bronze._s (1 rows, new)']); // waits for the first insert
    pending[0]!.done();
    await second;
    expect(events).toEqual(['start bronze._s (1 rows, new)', 'end bronze._s', 'start bronze._s (1 rows, same-columns)']);
    let settled = false;
    const all = stager.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    pending[1]!.done();
    await all;
    expect(stager.rows).toBe(2);
  });

  it('reports a failed insert from settled(), and drop() still drops the staged tables', async () => {
    const { engine, events, pending } = controlledEngine();
    const stager = new BatchStager(engine, 'bronze', '_s', plan, CONSTANTS, { rows: 1, bytes: 1 << 20 });
    stager.append({ row: 1, byteOffset: 0, byteLength: 1, doc: docs[0]! });
    await stager.flush();
    pending[0]!.fail(new Error('Out of Memory Error: could not allocate block'));
    await expect(stager.settled()).rejects.toThrow('Out of Memory');
    await stager.drop();
    expect(events.at(-1)).toBe('DROP TABLE IF EXISTS "bronze"."_s"');
  });
});
