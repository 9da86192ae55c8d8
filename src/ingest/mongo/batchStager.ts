import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import { throwIfCancelled } from '../cancelled';
import type { BronzeConstants } from './bronzeColumns';
import type { CollectionPlan } from './collectionPlan';
import { PlanMismatch } from './planMismatch';
import { DocumentBatch } from './documentBatch';
import type { ReadDocument } from './documentItem';

export interface BatchLimits {
  /** Rows per Arrow batch. */
  rows: number;
  /** Bytes per Arrow batch (checked every 16 rows: 16 of MongoDB's largest documents stay far below Arrow's 2 GiB offsets). */
  bytes: number;
}

/** Bounded batches: DuckDB gets the rows in pieces, JS never holds a whole file's columns. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { rows: 50_000, bytes: 16 * 1024 * 1024 };

/**
 * Builds Arrow batches in bronze's shape by one collection plan and appends them, in file
 * order, to one staging table (`schema.name`; the first batch creates it).
 * The batches have the table's columns in its order, so the engine appends them in place
 * (no copy through a temporary table). A document that does not fit the plan makes
 * `append` return false; the stager is then spent and the loader plans again.
 *
 * One batch is in flight while the next is built: in the browser DuckDB inserts in its
 * own worker, so decoding documents and inserting overlap on two cores. Every method
 * that reads the staged table first waits for it (`settled`).
 */
export class BatchStager {
  rows = 0;
  private batch: DocumentBatch;
  private created = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly schema: string,
    readonly name: string,
    readonly plan: CollectionPlan,
    private readonly constants: BronzeConstants,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
    /** Checked at every batch: a cancelled load stops here (the loader drops the staging). */
    private readonly signal?: AbortSignal,
  ) {
    this.batch = new DocumentBatch(plan.columns, constants);
  }

  append(item: ReadDocument): boolean {
    try {
      this.batch.append(item.row, item.doc);
      return true;
    } catch (error) {
      if (error instanceof PlanMismatch) return false;
      throw error;
    }
  }

  /** Whether the current batch should go to the engine now. */
  get full(): boolean {
    const n = this.batch.length;
    return n >= this.limits.rows || ((n & 15) === 0 && n > 0 && this.batch.byteSize() >= this.limits.bytes);
  }

  /** Hands the current batch to the engine, once the one before it is in. */
  async flush(): Promise<void> {
    throwIfCancelled(this.signal);
    if (this.batch.length === 0) return;
    await this.inFlight;
    const table = this.batch.finish();
    this.rows += this.batch.length;
    this.batch = new DocumentBatch(this.plan.columns, this.constants);
    // The stager made the table with its first batch, and every batch has the same columns:
    // the engine need not look the table up (in the browser, a round trip to DuckDB's worker
    // that would wait for this thread, so the insert would not overlap with reading).
    this.inFlight = this.engine.insertArrow(`${this.schema}.${this.name}`, table, this.created ? 'same-columns' : 'new');
    this.created = true;
    // Seen here so that a failed insert is never an unhandled rejection; thrown by `settled`.
    this.inFlight.catch(() => undefined);
  }

  /** Waits until every batch handed over is in DuckDB; throws if an insert failed. */
  settled(): Promise<void> {
    return this.inFlight;
  }

  /** The staging table, quoted for SQL. */
  get table(): string {
    return qualified(this.schema, this.name);
  }

  /** Whether any batch was staged (the staging table exists). */
  get staged(): boolean {
    return this.created;
  }

  async drop(): Promise<void> {
    await this.inFlight.catch(() => undefined);
    if (this.created) await this.engine.exec(`DROP TABLE IF EXISTS ${this.table}`);
    this.created = false;
  }
}
