import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeWasmEngine } from './nodeWasmEngine';
import type { WasmEngine } from './wasmEngine';

/*
 * Background statements pause between their slices while the gate holds them (the page is
 * drawing a click): DuckDB's worker then runs nothing of theirs.
 */
let engine: WasmEngine;
beforeAll(async () => {
  engine = await createNodeWasmEngine();
});
afterAll(async () => {
  await engine?.close();
});

const LONG = 'SELECT count(*) AS n FROM range(40000000) AS a(x) WHERE x % 7 = 3 AND hash(x) % 5 = 1';

it('a statement does not go on while its gate holds it, and finishes once released', async () => {
  let calls = 0;
  let held: Promise<void> | undefined;
  let release!: () => void;
  let reachedHold!: () => void;
  const reached = new Promise<void>((resolve) => (reachedHold = resolve));
  engine.giveWayTo(() => {
    calls++;
    // Hold the statement at its second slice boundary (the first is before it starts).
    if (calls !== 2) return undefined;
    held = new Promise<void>((resolve) => (release = resolve));
    reachedHold();
    return held;
  });
  let finished = false;
  const long = engine.query(LONG).then((t) => ((finished = true), t));
  await reached;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(finished).toBe(false);
  release();
  const result = await long;
  expect(Number(result.get(0)!.n)).toBeGreaterThan(0);
  // Asked before the start and between every two of its slices.
  expect(calls).toBeGreaterThan(3);
  engine.giveWayTo(() => undefined);
});

it('a cancel reaches a statement that is waiting at its gate', async () => {
  let release!: () => void;
  let calls = 0;
  engine.giveWayTo(() => (++calls === 2 ? new Promise<void>((resolve) => (release = resolve)) : undefined));
  const long = engine.query(LONG);
  while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await engine.cancel()).toBe(true);
  release();
  await expect(long).rejects.toThrow(/cancel/i);
  engine.giveWayTo(() => undefined);
  expect(Number((await engine.query('SELECT 41 + 1 AS n')).get(0)!.n)).toBe(42);
});
