/**
 * Lets background work (a save) give way to the user's clicks: the dashboard's reads are
 * tracked, and background work waits, between its steps, until they have been quiet for
 * `settleMs` (the page draws the rows after they arrive: the CPU is still needed then),
 * but never longer than `maxWaitMs` per step, so that a user clicking on and on does not
 * stop a save for good. On a 2-core machine a save's reading and encoding took the cores a
 * click needed (clicks during a save: p50 ~800 ms against ~250 ms after it).
 */
export class InteractiveFirst {
  private active = 0;
  private lastActive = -Infinity;

  constructor(
    private readonly settleMs = 300,
    private readonly maxWaitMs = 3000,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Marks `work` as interactive while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.lastActive = this.now();
    }
  }

  /** Resolves once no interactive work has run for settleMs, or after maxWaitMs. */
  async quiet(): Promise<void> {
    const started = this.now();
    for (;;) {
      const idleFor = this.active > 0 ? 0 : this.now() - this.lastActive;
      const waited = this.now() - started;
      if (idleFor >= this.settleMs || waited >= this.maxWaitMs) return;
      await this.sleep(Math.min(this.settleMs - idleFor, this.maxWaitMs - waited, 50));
    }
  }
}
