import { tableFromIPC } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { isQueryCancelled } from '../../engine/queryCancelled';
import { qualified } from '../../engine/sql';
import { CONSOLE_RESULT, CONSOLE_SCHEMA } from './consoleResult';
import type { ConsoleOutcome } from './consoleOutcome';
import { splitStatements } from './splitStatements';
import { statementKind } from './statementKind';
import { forgetAllBuilds } from '../../pipeline/incremental/buildRecords';

const RESULT = qualified(CONSOLE_SCHEMA, CONSOLE_RESULT);

/** How long a cancel waits for the run to stop before it asks DuckDB again. */
const CANCEL_RETRY_MS = 150;

/** Runs work when the lakehouse's writer is free (Lakehouse passes its OneWriter's run). */
export type WriterTurn = <T>(work: () => Promise<T>) => Promise<T>;

/** One console run: whether the user cancelled it, and whether its statements have started. */
interface Ticket {
  cancelled: boolean;
  started: boolean;
  startedAt: number;
  /** Settles the run as cancelled while it still waits for its turn. */
  cancelWaiting: (outcome: ConsoleOutcome) => void;
}

/**
 * The SQL console's worker side: runs the user's statements (their text is theirs; the
 * console adds only the table that keeps the last result) and stops them on request.
 *
 * A run takes the lakehouse writer's turn, like a load or a save: its statements cannot
 * interleave with a save's (a save's CHECKPOINT between two of them once took the console's
 * schema away), and a cancel can only ever stop the console's own statement. A run still
 * waiting for its turn (behind a save, say) is cancelled at once, without touching DuckDB.
 */
export class SqlConsole {
  private current?: { run: Promise<ConsoleOutcome>; ticket: Ticket };

  constructor(
    private readonly engine: Engine,
    private readonly turn: WriterTurn = (work) => work(),
  ) {}

  run(sql: string): Promise<ConsoleOutcome> {
    if (this.current) return Promise.resolve({ kind: 'error', message: 'A query is already running: wait for it or cancel it.', milliseconds: 0 });
    let cancelWaiting: Ticket['cancelWaiting'] = () => undefined;
    const waiting = new Promise<ConsoleOutcome>((resolve) => (cancelWaiting = resolve));
    const ticket: Ticket = { cancelled: false, started: false, startedAt: performance.now(), cancelWaiting };
    const taken = this.turn(() => (ticket.cancelled ? Promise.resolve(cancelledSince(ticket)) : ((ticket.started = true), this.runAll(sql, ticket))));
    const run = Promise.race([taken, waiting]).finally(() => {
      if (this.current?.run === run) this.current = undefined;
    });
    this.current = { run, ticket };
    return run;
  }

  /**
   * Stops the run. The engine's cancel stops whatever statement is running, which may
   * be one queued ahead of the console's (a grid window); so it asks again until the
   * console's own run has ended.
   */
  async cancel(): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    const { run, ticket } = current;
    ticket.cancelled = true;
    if (!ticket.started) return ticket.cancelWaiting(cancelledSince(ticket)), true;
    let settled = false;
    void run.finally(() => (settled = true));
    for (let attempt = 0; attempt < 40 && !settled; attempt++) {
      await this.engine.cancel();
      await Promise.race([run, new Promise((r) => setTimeout(r, CANCEL_RETRY_MS))]);
    }
    return true;
  }

  private async runAll(sql: string, ticket: Ticket): Promise<ConsoleOutcome> {
    const ms = () => Math.round(performance.now() - ticket.startedAt);
    const statements = splitStatements(sql);
    if (statements.length === 0) return { kind: 'error', message: 'There is no SQL to run: type a query, e.g. SELECT * FROM gold.rfm.', milliseconds: 0 };
    let at = 0;
    try {
      await this.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${CONSOLE_SCHEMA}; DROP TABLE IF EXISTS ${RESULT}`);
      // A statement that may write (INSERT, UPDATE, DROP…) may change a model's table behind
      // the pipeline's back: the next run builds every model whole (src/pipeline/incremental).
      if (statements.some((st) => statementKind(st) === 'other')) await forgetAllBuilds(this.engine);
      for (; at < statements.length - 1; at++) {
        if (ticket.cancelled) return { kind: 'cancelled', milliseconds: ms() };
        await this.engine.exec(statements[at]!);
      }
      if (ticket.cancelled) return { kind: 'cancelled', milliseconds: ms() };
      const last = await this.runLast(statements[at]!);
      const count = statements.length;
      if (last.kind === 'rows') return { kind: 'rows', rows: last.rows, columns: await this.columns(), statements: count, milliseconds: ms() };
      if (last.kind === 'changed') return { kind: 'changed', rows: last.rows, statements: count, milliseconds: ms() };
      return { kind: 'done', statements: count, milliseconds: ms() };
    } catch (error) {
      if (isQueryCancelled(error) || ticket.cancelled) return { kind: 'cancelled', milliseconds: ms() };
      return { kind: 'error', message: (error as Error).message, statement: statements.length > 1 ? at + 1 : undefined, milliseconds: ms() };
    }
  }

  /** Runs the last statement so that its rows, if any, land in the result table. */
  private async runLast(statement: string): Promise<{ kind: 'rows' | 'changed' | 'done'; rows: number }> {
    const kind = statementKind(statement);
    if (kind !== 'other') {
      // The statement goes on a line of its own (a trailing -- comment cannot swallow the
      // wrapper); DuckDB's "LINE n" in errors is put back to the user's numbering.
      const wrapped = kind === 'query' ? `CREATE TABLE ${RESULT} AS\n${statement}` : `CREATE TABLE ${RESULT} AS SELECT * FROM (\n${statement}\n)`;
      try {
        await this.engine.exec(wrapped);
      } catch (error) {
        if (isQueryCancelled(error)) throw error;
        const message = (error as Error).message;
        // A statement that is not a query after all (or mistyped): run it as written, for its own result or its own error.
        if (/^Parser Error/.test(message)) return this.runAsWritten(statement);
        throw new Error(message.replace(/LINE (\d+):/g, (_m, line: string) => `LINE ${Math.max(1, Number(line) - 1)}:`));
      }
      return { kind: 'rows', rows: await this.resultRows() };
    }
    return this.runAsWritten(statement);
  }

  private async runAsWritten(statement: string): Promise<{ kind: 'rows' | 'changed' | 'done'; rows: number }> {
    const result = tableFromIPC(await this.engine.queryIPC(statement));
    const fields = result.schema.fields;
    if (fields.length === 1 && fields[0]!.name === 'Count' && result.numRows === 1) return { kind: 'changed', rows: Number(result.get(0)!.Count) };
    if (result.numRows === 0) return { kind: 'done', rows: 0 };
    // PRAGMA, CALL, EXPLAIN…: a small result, stored like a query's so the grid shows it.
    await this.engine.insertArrow(`${CONSOLE_SCHEMA}.${CONSOLE_RESULT}`, result);
    return { kind: 'rows', rows: result.numRows };
  }

  private async resultRows(): Promise<number> {
    return Number((await this.engine.query(`SELECT count(*)::BIGINT AS n FROM ${RESULT}`)).get(0)!.n);
  }

  private async columns() {
    const t = await this.engine.query(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = '${CONSOLE_SCHEMA}' AND table_name = '${CONSOLE_RESULT}' ORDER BY column_index`,
    );
    return t.toArray().map((r) => ({ name: String(r.name), type: String(r.type) }));
  }
}

const cancelledSince = (ticket: Ticket): ConsoleOutcome => ({ kind: 'cancelled', milliseconds: Math.round(performance.now() - ticket.startedAt) });
