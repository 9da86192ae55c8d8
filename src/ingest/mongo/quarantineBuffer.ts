import { Field, makeData, RecordBatch, Schema, Struct, Table, Utf8 } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import type { IngestProblem } from '../ingestError';
import { BytesWriter, Int64Writer } from './arrowBuilders';
import type { UnreadableDocument } from './documentItem';

const SAMPLE_PROBLEMS = 5;
const FLUSH_BYTES = 16 * 1024 * 1024;

/**
 * Unreadable documents on their way to quarantine.<source>: collected in Arrow columns
 * and staged in bounded batches (a file of nothing but bad lines must not pile up in JS
 * memory), then moved by the loader. The first few become the report's samples.
 */
export class QuarantineBuffer {
  count = 0;
  readonly samples: IngestProblem[] = [];
  private rows = new Int64Writer();
  private lines = new Int64Writer();
  private offsets = new Int64Writer();
  private reasons = new BytesWriter(new Utf8());
  private raws = new BytesWriter(new Utf8());

  constructor(
    private readonly engine: Engine,
    private readonly file: string,
    /** Staging table, `main.<name>`. */
    readonly staging: string,
  ) {}

  /** Adds a document; true when the buffer is full and should be flushed. */
  add(item: UnreadableDocument): boolean {
    this.count++;
    if (this.samples.length < SAMPLE_PROBLEMS) {
      this.samples.push({ file: this.file, ...(item.line !== undefined && { line: item.line }), byteOffset: item.byteOffset, message: item.reason });
    }
    appendNumber(this.rows, item.row > 0 ? item.row : undefined);
    appendNumber(this.lines, item.line);
    appendNumber(this.offsets, item.byteOffset);
    this.reasons.appendString(item.reason);
    this.raws.appendString(item.raw);
    return this.raws.byteSize() + this.reasons.byteSize() > FLUSH_BYTES;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const columns: Array<[string, Int64Writer | BytesWriter]> = [
      ['_row', this.rows],
      ['_line', this.lines],
      ['_byte_offset', this.offsets],
      ['_reason', this.reasons],
      ['_raw', this.raws],
    ];
    const children = columns.map(([, w]) => w.finish());
    const fields = columns.map(([name], i) => new Field(name, children[i].type, true));
    const schema = new Schema(fields);
    const data = makeData({ type: new Struct(fields), length: this.rows.length, nullCount: 0, children });
    await this.engine.insertArrow(this.staging, new Table(schema, [new RecordBatch(schema, data)]));
    this.rows = new Int64Writer();
    this.lines = new Int64Writer();
    this.offsets = new Int64Writer();
    this.reasons = new BytesWriter(new Utf8());
    this.raws = new BytesWriter(new Utf8());
  }
}

function appendNumber(w: Int64Writer, n: number | undefined): void {
  if (n === undefined) w.appendNull();
  else w.appendHalves(n | 0, Math.floor(n / 2 ** 32));
}

