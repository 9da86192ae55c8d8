/** One timed step: when it started (ms after the first step since the last clear) and how long it took. */
export interface StepTime {
  step: string;
  at: number;
  ms: number;
}

/**
 * The worker's own split of the demo path (generate, load, models, version commit, run
 * history, table list, dashboard build, save…): bench/firstChart.ts reads it to say where
 * the time from the click to the first chart goes. Cleared when a demo or a load starts.
 */
export class StepTimes {
  private origin?: number;
  private steps: StepTime[] = [];

  clear(): void {
    this.origin = undefined;
    this.steps = [];
  }

  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.origin ??= started;
    try {
      return await work();
    } finally {
      this.steps.push({ step, at: Math.round(started - this.origin), ms: Math.round(performance.now() - started) });
    }
  }

  list(): StepTime[] {
    return this.steps.map((s) => ({ ...s }));
  }
}

/** The worker's one recorder (a module singleton: the lakehouse, its store and the service all time into it). */
export const stepTimes = new StepTimes();
