import { Field, makeData, RecordBatch, Schema, Struct, Table, type Data } from 'apache-arrow';
import { Int64Writer } from './arrowBuilders';
import { constantText, constantTimestamp, type BronzeConstants } from './bronzeColumns';
import type { PlannedColumn } from './collectionPlan';
import { appendFields } from './appendFields';
import { columnWriter, type ColumnWriter } from './columnWriter';
import type { Document } from './document';

/**
 * Rows of one Arrow batch in bronze's shape: a column per planned field, then `_source`,
 * `_source_kind`, `_row` (the document's 1-based position in its file) and `_loaded_at`.
 * Throws PlanMismatch (from the column writers) when a document does not fit the plan;
 * the batch is then abandoned.
 */
export class DocumentBatch {
  private readonly fields: string[];
  private readonly writers: ColumnWriter[];
  private readonly rowNumbers = new Int64Writer();
  length = 0;

  constructor(
    private readonly columns: readonly PlannedColumn[],
    private readonly constants: BronzeConstants,
  ) {
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
    const n = this.length;
    const { source, kind, loadedAtMicros } = this.constants;
    const named: Array<[string, Data]> = [
      ...this.columns.map((c, i): [string, Data] => [c.column, this.writers[i].arrow.finish()]),
      ['_source', constantText(source, n)],
      ['_source_kind', constantText(kind, n)],
      ['_row', this.rowNumbers.finish()],
      ['_loaded_at', constantTimestamp(loadedAtMicros, n)],
    ];
    // Nullable like the columns of a CREATE TABLE AS, so the staged table is bronze's as is.
    const fields = named.map(([name, data]) => new Field(name, data.type, true));
    const schema = new Schema(fields);
    const data = makeData({ type: new Struct(fields), length: n, nullCount: 0, children: named.map(([, d]) => d) });
    return new Table(schema, [new RecordBatch(schema, data)]);
  }
}
