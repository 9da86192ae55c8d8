/**
 * The one long operation (load or pipeline run) the worker is doing, and how to cancel it.
 * The UI runs one at a time; starting another replaces the handle (the previous one is over).
 */
export class CurrentOperation {
  private controller?: AbortController;

  /** Starts an operation and returns the signal it must check between its steps. */
  begin(): AbortSignal {
    this.controller = new AbortController();
    return this.controller.signal;
  }

  /** Cancels the current operation; false when there is none or it was already cancelled. */
  cancel(): boolean {
    if (!this.controller || this.controller.signal.aborted) return false;
    this.controller.abort();
    return true;
  }
}
