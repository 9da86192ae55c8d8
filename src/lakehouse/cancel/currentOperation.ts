/** What the worker is doing: a load can be interrupted inside a statement, a run cannot. */
export type OperationKind = 'load' | 'run';

/**
 * The one long operation (load or pipeline run) the worker is doing, and how to cancel it.
 * The UI runs one at a time; starting another replaces the handle (the previous one is over).
 *
 * Cancelling aborts the operation's signal, which it checks between its steps. A load
 * also interrupts the DuckDB statement running now (`interrupt`): one CSV is one
 * read_csv statement, and a statement either completes or leaves nothing, while a load
 * only keeps tables it finished. A pipeline run is not interrupted: it stops before the
 * next model, so no silver table is left out of step with its quarantine rows.
 */
export class CurrentOperation {
  private controller?: AbortController;
  private kind?: OperationKind;

  constructor(private readonly interrupt: () => Promise<unknown> = async () => false) {}

  /** Starts an operation and returns the signal it must check between its steps. */
  begin(kind: OperationKind = 'run'): AbortSignal {
    this.controller = new AbortController();
    this.kind = kind;
    return this.controller.signal;
  }

  /** The operation of `signal` is over: a late cancel must not interrupt the next statement. */
  end(signal: AbortSignal): void {
    if (this.controller?.signal === signal) this.controller = this.kind = undefined;
  }

  /** Cancels the current operation; false when there is none or it was already cancelled. */
  cancel(): boolean {
    if (!this.controller || this.controller.signal.aborted) return false;
    this.controller.abort();
    if (this.kind === 'load') void this.interrupt().catch(() => undefined);
    return true;
  }
}
