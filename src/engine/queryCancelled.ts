/** Thrown by a statement that `Engine.cancel()` stopped: the user asked for it, so it is not a failure to report. */
export class QueryCancelledError extends Error {
  constructor() {
    super('The query was cancelled.');
    this.name = 'QueryCancelledError';
  }
}

export function isQueryCancelled(error: unknown): boolean {
  return error instanceof QueryCancelledError || (error instanceof Error && error.name === 'QueryCancelledError');
}
