import { QueryCancelledError } from '../queryCancelled';

type MaybePromise<T> = T | Promise<T>;

/**
 * DuckDB-WASM's pending-query calls, the same in its synchronous bindings (Node) and its
 * AsyncDuckDB (browser). A pending query runs in slices of about 100 ms, each a message to
 * DuckDB's worker, so a cancel message gets in between two slices; runQuery, one message
 * for the whole statement, cannot be interrupted.
 */
export interface PendingQueryDatabase {
  startPendingQuery(conn: number, sql: string, allowStreamResult?: boolean): MaybePromise<Uint8Array | null>;
  pollPendingQuery(conn: number): MaybePromise<Uint8Array | null>;
  cancelPendingQuery(conn: number): MaybePromise<boolean>;
  fetchQueryResults(conn: number): MaybePromise<Uint8Array | null>;
}

/**
 * Runs statements on one connection as pending queries, one at a time, so that `cancel()`
 * can stop the one running. Callers must not overlap calls on the connection: a new
 * statement on it would silently close the pending one (WasmEngine queues them).
 */
export class PendingQueryRunner {
  private running = false;
  private cancelRequested = false;
  /** Awaited before a statement starts and between its slices (see giveWayTo). */
  private giveWay: () => Promise<void> | void = () => undefined;

  constructor(
    private readonly db: PendingQueryDatabase,
    private readonly conn: number,
  ) {}

  /**
   * `gate` is awaited before each statement and between its slices: while it waits, DuckDB's
   * worker runs nothing of this connection, so the page's work (a click being drawn) gets
   * the core it would otherwise share. A slice already running is not interrupted.
   */
  giveWayTo(gate: () => Promise<void> | void): void {
    this.giveWay = gate;
  }

  /** The last statement's result as Arrow IPC stream bytes. */
  async run(sql: string): Promise<Uint8Array> {
    this.running = true;
    this.cancelRequested = false;
    try {
      await this.giveWay();
      let header = await this.db.startPendingQuery(this.conn, sql, false);
      while (header === null) {
        await this.giveWay();
        header = await this.db.pollPendingQuery(this.conn);
      }
      const chunks = [header];
      for (;;) {
        const chunk = await this.db.fetchQueryResults(this.conn);
        if (chunk === null) continue;
        if (chunk.length === 0) break;
        chunks.push(chunk);
      }
      return concat(chunks);
    } catch (error) {
      const message = duckdbErrorMessage(error);
      if (this.cancelRequested || /query was cancell?ed/i.test(message)) throw new QueryCancelledError();
      throw new Error(message);
    } finally {
      this.running = false;
    }
  }

  /** Stops the running statement; false when none was running (or it had just finished). */
  async cancel(): Promise<boolean> {
    if (!this.running) return false;
    this.cancelRequested = true;
    return Boolean(await this.db.cancelPendingQuery(this.conn));
  }
}

/**
 * The pending-query calls report errors as JSON (`{"exception_type":"Parser",
 * "exception_message":"syntax error…"}`); runQuery as `Parser Error: syntax error…`.
 * Callers (and users) get the second form from both.
 */
export function duckdbErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as { exception_type?: string; exception_message?: string };
    if (typeof parsed.exception_message !== 'string') return text;
    return parsed.exception_type ? `${parsed.exception_type} Error: ${parsed.exception_message}` : parsed.exception_message;
  } catch {
    return text;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
