import { Binary, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

/**
 * A column of byte strings (text or binary) built straight from parser output into the
 * Arrow layout (offsets + one data buffer + validity bitmap), so values never become JS
 * strings on the way to DuckDB. Grows by doubling; `reset` keeps the buffers for the
 * next batch.
 */
export class ByteColumn {
  private data: Uint8Array = new Uint8Array(64 * 1024);
  private offsets = new Int32Array(1024 + 1);
  private validity: Uint8Array = new Uint8Array(128);
  private dataLength = 0;
  length = 0;
  nullCount = 0;

  /** Bytes held so far: what batch size limits look at. */
  get byteLength(): number {
    return this.dataLength;
  }

  push(bytes: Uint8Array): void {
    const end = this.dataLength + bytes.length;
    if (end > this.data.length) this.data = grow(this.data, end);
    this.data.set(bytes, this.dataLength);
    this.dataLength = end;
    this.endValue(true);
  }

  /** Appends `src[start..end)`; short values are copied by hand (no view to allocate). */
  pushRange(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    const at = this.dataLength;
    if (at + n > this.data.length) this.data = grow(this.data, at + n);
    const data = this.data;
    if (n < 32) for (let i = 0; i < n; i++) data[at + i] = src[start + i]!;
    else data.set(src.subarray(start, end), at);
    this.dataLength = at + n;
    this.endValue(true);
  }

  /**
   * Whether no value starts with a UTF-8 continuation byte or ends inside a character:
   * then the values, valid together, are valid one by one (see invalidUtf8Values).
   */
  utf8EdgesClean(): boolean {
    const { data, offsets } = this;
    for (let i = 0; i < this.length; i++) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      if (start === end) continue;
      if ((data[start]! & 0xc0) === 0x80) return false;
      if (data[end - 1]! >= 0x80 && !endsOnCharacter(data, start, end)) return false;
    }
    return true;
  }

  /** Appends the ASCII text `s` (numbers, bit values): no encoder needed. */
  pushAscii(s: string): void {
    const end = this.dataLength + s.length;
    if (end > this.data.length) this.data = grow(this.data, end);
    for (let i = 0; i < s.length; i++) this.data[this.dataLength + i] = s.charCodeAt(i);
    this.dataLength = end;
    this.endValue(true);
  }

  pushNull(): void {
    this.nullCount++;
    this.endValue(false);
  }

  /** The bytes of value `i` (a view, valid until the next push). */
  valueAt(i: number): Uint8Array | null {
    if (!this.isValid(i)) return null;
    return this.data.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Every value's bytes back to back (a view). */
  allBytes(): Uint8Array {
    return this.data.subarray(0, this.dataLength);
  }

  isValid(i: number): boolean {
    return (this.validity[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  /** Refills the column with `values` (used to repair text that is not valid UTF-8). */
  rebuild(values: (Uint8Array | null)[]): void {
    this.reset();
    for (const v of values) {
      if (v === null) this.pushNull();
      else this.push(v);
    }
  }

  /** The column as an Arrow vector of `type`; copies, so the builder can be reused. */
  toVector(type: 'utf8' | 'binary'): Vector {
    const props = {
      length: this.length,
      nullCount: this.nullCount,
      nullBitmap: this.nullCount ? this.validity.slice(0, (this.length + 7) >> 3) : null,
      valueOffsets: this.offsets.slice(0, this.length + 1),
      data: this.data.slice(0, this.dataLength),
    };
    return type === 'utf8' ? makeVector(makeData({ type: new Utf8(), ...props })) : makeVector(makeData({ type: new Binary(), ...props }));
  }

  /** Drops the values from `length` on (a row that turned out bad). */
  truncate(length: number): void {
    for (let i = length; i < this.length; i++) {
      if (!this.isValid(i)) this.nullCount--;
      this.validity[i >> 3]! &= ~(1 << (i & 7));
    }
    this.dataLength = this.offsets[Math.min(length, this.length)]!;
    this.length = Math.min(length, this.length);
  }

  reset(): void {
    this.length = 0;
    this.nullCount = 0;
    this.dataLength = 0;
    this.validity.fill(0);
  }

  private endValue(valid: boolean): void {
    const i = this.length;
    if (i + 2 > this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    if ((i >> 3) >= this.validity.length) this.validity = grow(this.validity, (i >> 3) + 1);
    if (valid) this.validity[i >> 3]! |= 1 << (i & 7);
    this.offsets[i + 1] = this.dataLength;
    this.length = i + 1;
  }
}

function grow(buffer: Uint8Array, atLeast: number): Uint8Array {
  let size = buffer.length * 2;
  while (size < atLeast) size *= 2;
  const next = new Uint8Array(size);
  next.set(buffer);
  return next;
}

/** Whether the last character of `data[start..end)` is complete. */
function endsOnCharacter(data: Uint8Array, start: number, end: number): boolean {
  let i = end - 1;
  while (i > start && (data[i]! & 0xc0) === 0x80 && end - i < 4) i--;
  const lead = data[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  return need === end - i;
}
