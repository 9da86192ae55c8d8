import type { Engine } from '../../engine/interface';
import type { CollectionPlan } from './collectionPlan';
import { PlanMismatch } from './columnWriter';
import { DocumentBatch } from './documentBatch';
import type { ReadDocument } from './documentItem';

/** Bounded batches: DuckDB gets the rows in pieces, JS never holds a whole file's columns. */
const BATCH_ROWS = 50_000;
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Builds Arrow batches by one collection plan and appends them to a staging table with
 * engine.insertArrow. A document that does not fit the plan makes `append` return false;
 * the stager is then spent and the loader plans again.
 */
export class BatchStager {
  rows = 0;
  private batch: DocumentBatch;

  constructor(
    private readonly engine: Engine,
    /** `main.<name>`: created by the first insert. */
    readonly staging: string,
    readonly plan: CollectionPlan,
  ) {
    this.batch = new DocumentBatch(plan.columns);
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
    return n >= BATCH_ROWS || ((n & 255) === 0 && n > 0 && this.batch.byteSize() >= BATCH_BYTES);
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const table = this.batch.finish();
    this.rows += this.batch.length;
    this.batch = new DocumentBatch(this.plan.columns);
    await this.engine.insertArrow(this.staging, table);
  }
}
