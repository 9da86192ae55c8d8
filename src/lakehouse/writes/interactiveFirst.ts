/**
 * Lets background work (a save, a version commit) give way to the user's clicks: the
 * dashboard's reads are tracked, and background work waits, between its steps and between
 * the slices of each DuckDB statement (giveWay), until they have been quiet for `settleMs`
 * (the page draws the rows after they arrive: the CPU is still needed then). It never
 * waits longer than `maxWaitMs` at a time, and after such a wait it runs on for `graceMs`
 * unhindered, so that a user clicking on and on slows a save down but does not stop it.
 * On a 2-core machine, background work took the core a click needed to draw (clicks
 * during the save after a run: p50 202 / p95 296 ms at sf=1 with a busy process beside,
 * against 49 / 87 after it).
 */
export class InteractiveFirst {
  private active = 0;
  private lastActive = -Infinity;
  /** Until then, giveWay lets background work through (its fair share after a long wait). */
  private graceUntil = -Infinity;

  constructor(
    private readonly settleMs = 300,
    private readonly maxWaitMs = 3000,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly graceMs = 1000,
  ) {}

  /**
   * Between two slices of background work: nothing to wait for (undefined, no timer) unless
   * a click ran within settleMs; then quiet(), and a grace period if that wait hit maxWaitMs.
   */
  giveWay(): Promise<void> | undefined {
    const now = this.now();
    if (now < this.graceUntil || (this.active === 0 && now - this.lastActive >= this.settleMs)) return undefined;
    return this.quiet().then(() => {
      if (this.now() - now >= this.maxWaitMs) this.graceUntil = this.now() + this.graceMs;
    });
  }

  /**
   * Marks `work` as interactive while it runs. Not for work that waits on background
   * work (a click waiting for the dashboard's tables to be built): that would hold up
   * the very work it waits for.
   */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.lastActive = this.now();
    }
  }

  /**
   * Resolves once no interactive work has run for `settleMs`, or after `maxWaitMs` (by
   * default the ones giveWay uses; a step that cannot give way once started asks for a
   * longer quiet spell: see storedLakehouse.ts).
   */
  async quiet(settleMs = this.settleMs, maxWaitMs = this.maxWaitMs): Promise<void> {
    const started = this.now();
    for (;;) {
      const idleFor = this.active > 0 ? 0 : this.now() - this.lastActive;
      const waited = this.now() - started;
      if (idleFor >= settleMs || waited >= maxWaitMs) return;
      await this.sleep(Math.min(settleMs - idleFor, maxWaitMs - waited, 50));
    }
  }
}
