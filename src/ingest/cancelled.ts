/**
 * A long operation (a load, a pipeline run) stopped because the user cancelled it. Work is
 * cancelled cooperatively, between steps (files, batches, statements, models), never in the
 * middle of one, so whatever a step writes is either complete or dropped by its cleanup.
 */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('Cancelled.');
  }
}

/** Throws Cancelled when the signal has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}
