import {
  Binary,
  Bool,
  Decimal,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  makeData,
  Struct,
  TimestampMicrosecond,
  Uint32,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';

/**
 * Growable Arrow column writers that fill typed arrays directly and finish with
 * `makeData`. apache-arrow's own builders go through JS numbers in places where that is
 * not exact (a microsecond timestamp is `BigInt(ms * 1000)`, which rounds beyond 2^53)
 * and are slower on this hot path; these write 64-bit values as two 32-bit halves.
 */
export interface ArrowWriter {
  readonly type: DataType;
  length: number;
  appendNull(): void;
  /** Bytes held so far, to bound batch sizes. */
  byteSize(): number;
  finish(): Data;
}

/** One validity bit per value, all valid until the first null. */
class Validity {
  private bits = new Uint8Array(0);
  nullCount = 0;

  set(index: number, valid: boolean): void {
    if (valid && this.nullCount === 0) return;
    if (!valid && this.nullCount === 0) this.materialise(index);
    this.grow(index);
    if (valid) this.bits[index >> 3] |= 1 << (index & 7);
    else {
      this.bits[index >> 3] &= ~(1 << (index & 7));
      this.nullCount++;
    }
  }

  /** The first null: every value before it was valid. */
  private materialise(index: number): void {
    this.grow(index);
    this.bits.fill(0xff, 0, index >> 3);
    for (let i = index & ~7; i < index; i++) this.bits[i >> 3] |= 1 << (i & 7);
  }

  private grow(index: number): void {
    if ((index >> 3) < this.bits.length) return;
    const next = new Uint8Array(Math.max(64, this.bits.length * 2, (index >> 3) + 1));
    next.set(this.bits);
    this.bits = next;
  }

  bitmap(length: number): Uint8Array | undefined {
    if (this.nullCount === 0) return undefined;
    this.grow(length);
    return this.bits.subarray(0, (length + 7) >> 3);
  }
}

type Numeric = Int32Array | Float64Array | Uint32Array;

abstract class FixedWriter<A extends Numeric> implements ArrowWriter {
  length = 0;
  protected values: A;
  protected readonly validity = new Validity();

  constructor(
    readonly type: DataType,
    private readonly make: (n: number) => A,
    /** Array slots per value (2 for 64-bit values written as halves, 4 for decimals). */
    protected readonly slots: number,
  ) {
    this.values = make(1024 * slots);
  }

  protected reserve(): number {
    const at = this.length * this.slots;
    if (at + this.slots > this.values.length) {
      const next = this.make(this.values.length * 2);
      next.set(this.values as never);
      this.values = next;
    }
    this.validity.set(this.length, true);
    return at;
  }

  appendNull(): void {
    this.reserve();
    this.validity.set(this.length, false);
    this.length++;
  }

  byteSize(): number {
    return this.length * this.slots * this.values.BYTES_PER_ELEMENT;
  }

  finish(): Data {
    return makeData({
      type: this.type as never,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.bitmap(this.length),
      data: this.finalValues(),
    } as never);
  }

  protected finalValues(): ArrayLike<unknown> {
    return this.values.subarray(0, this.length * this.slots);
  }
}

/** One JS number per value, stored as is. */
abstract class NumberWriter<A extends Int32Array | Uint32Array | Float64Array> extends FixedWriter<A> {
  append(v: number): void {
    this.values[this.reserve()] = v;
    this.length++;
  }
}

export class Int32Writer extends NumberWriter<Int32Array> {
  constructor() {
    super(new Int32(), (n) => new Int32Array(n), 1);
  }
}

export class Uint32Writer extends NumberWriter<Uint32Array> {
  constructor() {
    super(new Uint32(), (n) => new Uint32Array(n), 1);
  }
}

export class Float64Writer extends NumberWriter<Float64Array> {
  constructor() {
    super(new Float64(), (n) => new Float64Array(n), 1);
  }
}

/** 64-bit integers (BIGINT, TIMESTAMP) as little-endian low/high 32-bit halves. */
export class Int64Writer extends FixedWriter<Int32Array> {
  constructor(type: Int64 | TimestampMicrosecond = new Int64()) {
    super(type, (n) => new Int32Array(n), 2);
  }
  appendHalves(low: number, high: number): void {
    const at = this.reserve();
    this.values[at] = low;
    this.values[at + 1] = high;
    this.length++;
  }
  protected override finalValues(): ArrayLike<unknown> {
    const v = this.values;
    return new BigInt64Array(v.buffer, v.byteOffset, this.length);
  }
}

const TWO_32 = 2 ** 32;

/** Epoch milliseconds (any integer a JS Date holds) → exact microseconds as halves. */
export function appendMicrosFromMillis(writer: Int64Writer, ms: number): void {
  // ms = hi·2^32 + lo with 0 ≤ lo < 2^32; µs = hi·1000·2^32 + lo·1000, each part exact.
  const hi = Math.floor(ms / TWO_32);
  const loMicros = (ms - hi * TWO_32) * 1000;
  const carry = Math.floor(loMicros / TWO_32);
  writer.appendHalves((loMicros - carry * TWO_32) | 0, hi * 1000 + carry);
}

/** DECIMAL(38, scale): 128-bit two's complement, four little-endian 32-bit words. */
export class DecimalWriter extends FixedWriter<Uint32Array> {
  constructor(scale: number) {
    super(new Decimal(scale, 38, 128), (n) => new Uint32Array(n), 4);
  }
  appendUnscaled(value: bigint): void {
    const at = this.reserve();
    let x = BigInt.asUintN(128, value);
    for (let i = 0; i < 4; i++) {
      this.values[at + i] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
    this.length++;
  }
}

export class BoolWriter implements ArrowWriter {
  readonly type = new Bool();
  length = 0;
  private bits = new Uint8Array(128);
  private readonly validity = new Validity();

  append(v: boolean): void {
    this.grow();
    if (v) this.bits[this.length >> 3] |= 1 << (this.length & 7);
    this.validity.set(this.length, true);
    this.length++;
  }
  appendNull(): void {
    this.grow();
    this.validity.set(this.length, false);
    this.length++;
  }
  private grow(): void {
    if ((this.length >> 3) < this.bits.length) return;
    const next = new Uint8Array(this.bits.length * 2);
    next.set(this.bits);
    this.bits = next;
  }
  byteSize(): number {
    return this.length >> 3;
  }
  finish(): Data {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.bitmap(this.length),
      data: this.bits.subarray(0, (this.length + 7) >> 3),
    });
  }
}

const encoder = new TextEncoder();
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Variable-width values: Utf8 (strings) and Binary (bytes), 32-bit offsets. */
export class BytesWriter implements ArrowWriter {
  length = 0;
  private offsets = new Int32Array(1024);
  private bytes = new Uint8Array(16 * 1024);
  private end = 0;
  private readonly validity = new Validity();

  constructor(readonly type: Utf8 | Binary) {}

  appendString(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    const bytes = this.bytes;
    let at = this.end;
    let i = 0;
    // ASCII fast path; the rest of the string goes through encodeInto.
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at++] = c;
    }
    if (i < n) at += encoder.encodeInto(i === 0 ? s : s.slice(i), bytes.subarray(at)).written;
    this.end = at;
    this.push(true);
  }

  /** Bytes as lower-case hex text (an ObjectId's 24 digits), without making the string. */
  appendHex(b: Uint8Array): void {
    this.ensure(b.length * 2);
    const bytes = this.bytes;
    let at = this.end;
    for (let i = 0; i < b.length; i++) {
      bytes[at++] = HEX_DIGITS[b[i] >> 4];
      bytes[at++] = HEX_DIGITS[b[i] & 15];
    }
    this.end = at;
    this.push(true);
  }

  appendBytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.bytes.set(b, this.end);
    this.end += b.length;
    this.push(true);
  }

  appendNull(): void {
    this.ensure(0);
    this.push(false);
  }

  private push(valid: boolean): void {
    this.validity.set(this.length, valid);
    this.length++;
    this.offsets[this.length] = this.end;
  }

  private ensure(extra: number): void {
    if (this.length + 2 > this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    if (this.end + extra > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.end + extra));
      next.set(this.bytes.subarray(0, this.end));
      this.bytes = next;
    }
  }

  byteSize(): number {
    return this.end + this.length * 4;
  }

  finish(): Data {
    return makeData({
      type: this.type as never,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.bitmap(this.length),
      valueOffsets: this.offsets.subarray(0, this.length + 1),
      data: this.bytes.subarray(0, this.end),
    } as never);
  }
}

export class StructWriter implements ArrowWriter {
  readonly type: Struct;
  length = 0;
  private readonly validity = new Validity();

  constructor(
    names: readonly string[],
    readonly children: ArrowWriter[],
  ) {
    this.type = new Struct(children.map((c, i) => new Field(names[i], c.type, true)));
  }

  /** Call after appending one value (or null) to every child. */
  appendValid(): void {
    this.validity.set(this.length, true);
    this.length++;
  }

  appendNull(): void {
    for (const c of this.children) c.appendNull();
    this.validity.set(this.length, false);
    this.length++;
  }

  byteSize(): number {
    return this.children.reduce((n, c) => n + c.byteSize(), this.length >> 3);
  }

  finish(): Data {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.bitmap(this.length),
      children: this.children.map((c) => c.finish()),
    });
  }
}

export class ListWriter implements ArrowWriter {
  readonly type: List;
  length = 0;
  private offsets = new Int32Array(1024);
  private readonly validity = new Validity();

  constructor(readonly child: ArrowWriter) {
    this.type = new List(new Field('element', child.type, true));
  }

  /** Call after appending the list's elements to `child`. */
  appendValid(): void {
    this.push(true);
  }

  appendNull(): void {
    this.push(false);
  }

  private push(valid: boolean): void {
    if (this.length + 2 > this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.validity.set(this.length, valid);
    this.length++;
    this.offsets[this.length] = this.child.length;
  }

  byteSize(): number {
    return this.child.byteSize() + this.length * 4;
  }

  finish(): Data {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.bitmap(this.length),
      valueOffsets: this.offsets.subarray(0, this.length + 1),
      child: this.child.finish(),
    });
  }
}

/**
 * TIMESTAMP columns as Arrow microseconds: DuckDB-WASM turns an Arrow millisecond
 * timestamp into a TIMESTAMP_MS column where native DuckDB makes TIMESTAMP, so the engines
 * would disagree; microseconds are TIMESTAMP on both (checked from year −271821 to 275760).
 */
export function timestampWriter(): Int64Writer {
  return new Int64Writer(new TimestampMicrosecond());
}
