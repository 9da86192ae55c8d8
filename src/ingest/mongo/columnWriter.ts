import { Binary, Utf8 } from 'apache-arrow';
import { Double, Int32, ObjectId } from 'bson';
import {
  appendMicrosFromMillis,
  BoolWriter,
  BytesWriter,
  DecimalWriter,
  Float64Writer,
  Int32Writer,
  Int64Writer,
  ListWriter,
  StructWriter,
  timestampWriter,
  Uint32Writer,
  type ArrowWriter,
} from './arrowBuilders';
import type { ColumnPlan } from './columnPlan';
import { decimalShape, scaledDecimal } from './decimalShape';
import { appendFields } from './appendFields';
import { isDocument } from './document';
import { jsonText } from './jsonText';
import { mismatch } from './planMismatch';
import { valueKind } from './valueKind';

/** Writes bson values of one field into an Arrow column, converted as its plan says. */
export interface ColumnWriter {
  readonly arrow: ArrowWriter;
  /** `undefined` is a missing field or BSON undefined; both are NULL. Throws PlanMismatch. */
  append(value: unknown): void;
}

export function columnWriter(plan: ColumnPlan): ColumnWriter {
  switch (plan.kind) {
    case 'int32':
      return int32Column();
    case 'int64':
      return int64Column();
    case 'double':
      return doubleColumn();
    case 'bool':
      return boolColumn();
    case 'timestamp':
      return timestampColumn();
    case 'decimal':
      return decimalColumn(plan.scale);
    case 'text':
      return textColumn(plan.from);
    case 'json':
      return jsonColumn();
    case 'blob':
      return blobColumn(plan.subtype);
    case 'bsonTimestamp':
      return bsonTimestampColumn();
    case 'struct':
      return structColumn(plan.fields.map((f) => f.key), plan.fields.map((f) => columnWriter(f.plan)));
    case 'list':
      return listColumn(columnWriter(plan.element));
  }
}

type Bson = { _bsontype?: string };
const bsonType = (v: unknown) => (v as Bson)._bsontype;

// Fast paths: `instanceof` the bson classes the loaders decode with is a cheap check per
// value; `_bsontype` (any copy of bson) stays the rule for everything else.

function int32Column(): ColumnWriter {
  const arrow = new Int32Writer();
  return {
    arrow,
    append(v) {
      if (v instanceof Int32) return arrow.append(v.value);
      if (v == null) return arrow.appendNull();
      if (bsonType(v) !== 'Int32') mismatch();
      arrow.append((v as { value: number }).value);
    },
  };
}

function int64Column(): ColumnWriter {
  const arrow = new Int64Writer();
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      const t = bsonType(v);
      // A Long's own 32-bit halves: exact, never through a JS number.
      if (t === 'Long') return arrow.appendHalves((v as { low: number }).low, (v as { high: number }).high);
      if (t !== 'Int32') mismatch();
      const n = (v as { value: number }).value;
      arrow.appendHalves(n, n < 0 ? -1 : 0);
    },
  };
}

function doubleColumn(): ColumnWriter {
  const arrow = new Float64Writer();
  return {
    arrow,
    append(v) {
      if (v instanceof Double || v instanceof Int32) return arrow.append(v.value);
      if (v == null) return arrow.appendNull();
      const t = bsonType(v);
      if (t === 'Double' || t === 'Int32') return arrow.append((v as { value: number }).value);
      if (t !== 'Long') mismatch();
      const long = v as { toNumber(): number; toBigInt(): bigint };
      const n = long.toNumber();
      if (BigInt(n) !== long.toBigInt()) mismatch();
      arrow.append(n);
    },
  };
}

function boolColumn(): ColumnWriter {
  const arrow = new BoolWriter();
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (typeof v !== 'boolean') mismatch();
      arrow.append(v);
    },
  };
}

function timestampColumn(): ColumnWriter {
  const arrow = timestampWriter();
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (!(v instanceof Date)) mismatch();
      const ms = v.getTime();
      if (Number.isNaN(ms)) mismatch();
      appendMicrosFromMillis(arrow, ms);
    },
  };
}

function decimalColumn(scale: number): ColumnWriter {
  const arrow = new DecimalWriter(scale);
  const maxIntegerDigits = 38 - scale;
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      const shape = decimalShape(decimalText(v));
      if (!shape || shape.scale > scale || shape.integerDigits > maxIntegerDigits) mismatch();
      arrow.appendUnscaled(scaledDecimal(shape, scale));
    },
  };
}

/** A Decimal128's canonical text, or an integer's digits (integers may share a DECIMAL column). */
function decimalText(v: unknown): string {
  switch (bsonType(v)) {
    case 'Decimal128':
    case 'Long':
      return String(v);
    case 'Int32':
      return String((v as { value: number }).value);
    default:
      return mismatch();
  }
}

/** The text of a text-like value: the one BSON type the column was planned for. */
function textColumn(from: string): ColumnWriter {
  const arrow = new BytesWriter(new Utf8());
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (typeof v === 'string') {
        if (from !== 'string') mismatch();
        return arrow.appendString(v);
      }
      // An ObjectId's 12 bytes as its 24 hex digits (what toHexString gives), no string made.
      if (v instanceof ObjectId && from === 'objectId') return arrow.appendHex(v.id);
      if (valueKind(v) !== from) mismatch();
      arrow.appendString(textOf(v));
    },
  };
}

function textOf(v: unknown): string {
  switch (bsonType(v)) {
    case 'ObjectId':
      return (v as { toHexString(): string }).toHexString();
    case 'BSONRegExp': {
      const r = v as { pattern: string; options: string };
      return `/${r.pattern}/${r.options}`;
    }
    case 'BSONSymbol':
      return (v as { value: string }).value;
    case 'Code':
      return (v as { code: string }).code;
    case 'MinKey':
      return 'MinKey';
    case 'MaxKey':
      return 'MaxKey';
    case 'Decimal128':
      return String(v);
    default:
      return mismatch();
  }
}

function jsonColumn(): ColumnWriter {
  const arrow = new BytesWriter(new Utf8());
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      arrow.appendString(jsonText(v));
    },
  };
}

function blobColumn(subtype: number): ColumnWriter {
  const arrow = new BytesWriter(new Binary());
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (bsonType(v) !== 'Binary') mismatch();
      const b = v as { sub_type: number; buffer: Uint8Array; position: number };
      if (b.sub_type !== subtype) mismatch();
      arrow.appendBytes(b.buffer.subarray(0, b.position));
    },
  };
}

function bsonTimestampColumn(): ColumnWriter {
  const t = new Uint32Writer();
  const i = new Uint32Writer();
  const arrow = new StructWriter(['t', 'i'], [t, i]);
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (bsonType(v) !== 'Timestamp') mismatch();
      const ts = v as { t: number; i: number };
      t.append(ts.t);
      i.append(ts.i);
      arrow.appendValid();
    },
  };
}

function structColumn(keys: string[], children: ColumnWriter[]): ColumnWriter {
  const arrow = new StructWriter(keys, children.map((c) => c.arrow));
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (!isDocument(v)) mismatch();
      appendFields(v, keys, children);
      arrow.appendValid();
    },
  };
}

function listColumn(element: ColumnWriter): ColumnWriter {
  const arrow = new ListWriter(element.arrow);
  return {
    arrow,
    append(v) {
      if (v == null) return arrow.appendNull();
      if (!Array.isArray(v)) mismatch();
      for (const item of v) element.append(item);
      arrow.appendValid();
    },
  };
}
