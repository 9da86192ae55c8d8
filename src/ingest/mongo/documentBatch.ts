import { Field, Int64, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { Int64Writer } from './arrowBuilders';
import type { PlannedColumn } from './collectionPlan';
import { appendFields, columnWriter, type ColumnWriter } from './columnWriter';
import type { Document } from './document';

/**
 * Rows of one Arrow batch: a column per planned field plus `_row`, the document's
 * 1-based position in its file. Throws PlanMismatch (from the column writers) when a
 * document does not fit the plan; the batch is then abandoned.
 */
export class DocumentBatch {
  private readonly fields: string[];
  private readonly writers: ColumnWriter[];
  private readonly rowNumbers = new Int64Writer();
  length = 0;

  constructor(private readonly columns: readonly PlannedColumn[]) {
    this.fields = columns.map((c) => c.field);
    this.writers = columns.map((c) => columnWriter(c.plan));
  }

  append(row: number, doc: Document): void {
    appendFields(doc, this.fields, this.writers);
    this.rowNumbers.appendHalves(row | 0, Math.floor(row / 2 ** 32));
    this.length++;
  }

  byteSize(): number {
    return this.writers.reduce((n, w) => n + w.arrow.byteSize(), this.rowNumbers.byteSize());
  }

  finish(): Table {
    const children = [...this.writers.map((w) => w.arrow.finish()), this.rowNumbers.finish()];
    const fields = [...this.columns.map((c, i) => new Field(c.column, children[i].type, true)), new Field('_row', new Int64(), false)];
    const schema = new Schema(fields);
    const data = makeData({ type: new Struct(fields), length: this.length, nullCount: 0, children });
    return new Table(schema, [new RecordBatch(schema, data)]);
  }
}
