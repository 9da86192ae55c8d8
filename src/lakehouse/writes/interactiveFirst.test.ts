import { describe, expect, it } from 'vitest';
import { InteractiveFirst } from './interactiveFirst';

/** A clock that only moves when the gate sleeps, so the test is exact and instant. */
function fakeClock() {
  let t = 1000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

describe('InteractiveFirst', () => {
  it('lets background work through at once when nothing interactive ran', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    const before = clock.now();
    await gate.quiet();
    expect(clock.now() - before).toBe(0);
  });

  it('holds background work until a click has been quiet for settleMs', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    await gate.track(async () => clock.advance(40));
    const before = clock.now();
    await gate.quiet();
    expect(clock.now() - before).toBe(300);
  });

  it('holds it while a click runs, and never longer than maxWaitMs', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    let release!: () => void;
    const click = gate.track(() => new Promise<void>((resolve) => (release = resolve)));
    const before = clock.now();
    await gate.quiet();
    expect(clock.now() - before).toBe(3000);
    release();
    await click;
  });

  it('waits for a longer quiet spell when asked (a step that cannot give way once started)', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    await gate.track(async () => clock.advance(40));
    clock.advance(500);
    const before = clock.now();
    await gate.quiet(2000, 30_000);
    expect(clock.now() - before).toBe(1500);
    // And never longer than its own maximum while clicks go on.
    let release!: () => void;
    const click = gate.track(() => new Promise<void>((resolve) => (release = resolve)));
    const held = clock.now();
    await gate.quiet(2000, 30_000);
    expect(clock.now() - held).toBe(30_000);
    release();
    await click;
  });

  it('lets slices through without a timer when no click is recent', () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    expect(gate.giveWay()).toBeUndefined();
  });

  it('pauses slices after a click until it has been quiet for settleMs', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep);
    await gate.track(async () => clock.advance(40));
    clock.advance(100);
    const before = clock.now();
    await gate.giveWay();
    expect(clock.now() - before).toBe(200);
    expect(gate.giveWay()).toBeUndefined();
  });

  it('gives background work graceMs unhindered after a wait of maxWaitMs, then pauses it again', async () => {
    const clock = fakeClock();
    const gate = new InteractiveFirst(300, 3000, clock.now, clock.sleep, 1000);
    let release!: () => void;
    const clicking = gate.track(() => new Promise<void>((resolve) => (release = resolve)));
    const before = clock.now();
    await gate.giveWay();
    expect(clock.now() - before).toBe(3000);
    clock.advance(999);
    expect(gate.giveWay()).toBeUndefined();
    clock.advance(1);
    const paused = gate.giveWay();
    expect(paused).toBeInstanceOf(Promise);
    release();
    await clicking;
    await paused;
  });
});
