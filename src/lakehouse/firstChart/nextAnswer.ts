/**
 * The next answer of the dashboard after a run, awaited by the run's bookkeeping (see
 * runOrder.ts): `next(ms)` resolves at the next `answered()`, or after `ms` when the page
 * does not ask (another view, a closed tab), so that bookkeeping never waits for good.
 */
export class NextAnswer {
  private waiting: (() => void)[] = [];

  constructor(private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {}

  next(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      void this.sleep(ms).then(resolve);
    });
  }

  answered(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
