import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../interface';
import { createNodeWasmEngine } from './nodeWasmEngine';

/*
 * queryAllIPC (the dashboard's clicks) runs on a connection of its own: it must not wait
 * until a long statement queued before it on the main connection (a save, a rebuild) ends.
 */
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeWasmEngine();
  await engine.exec('CREATE TABLE cells AS SELECT range AS n FROM range(10)');
});
afterAll(async () => {
  await engine?.close();
});

it('a short read issued during a long statement answers before the long statement ends', async () => {
  const order: string[] = [];
  // Several pending-query slices of work on the main connection.
  const long = engine.query('SELECT count(*) AS n FROM range(40000000) AS a(x) WHERE x % 7 = 3 AND hash(x) % 5 = 1').then(() => order.push('long'));
  const short = engine.queryAllIPC(['SELECT sum(n) AS s FROM cells']).then((r) => {
    order.push('short');
    return r;
  });
  const [result] = await short;
  await long;
  expect(result!.length).toBeGreaterThan(0);
  expect(order).toEqual(['short', 'long']);
});
