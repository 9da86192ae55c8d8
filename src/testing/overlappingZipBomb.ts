import { strToU8, zipSync } from 'fflate';

/**
 * A zip bomb that fits in a few kilobytes: one compressed entry of `size` zero bytes that
 * `count` central-directory entries all point at, so the archive declares `count * size`
 * bytes and each entry really inflates to `size` (D. Fifield's overlapping-file bomb).
 */
export function overlappingZipBomb(count: number, size: number): Uint8Array {
  const one = zipSync({ 'zeros.csv': new Uint8Array(size) }, { level: 9 });
  const view = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const end = one.length - 22;
  const directoryAt = view.getUint32(end + 16, true);
  const template = one.subarray(directoryAt, directoryAt + 46); // the fixed part of the one entry
  const parts: Uint8Array[] = [one.subarray(0, directoryAt)]; // its local header and data
  let directorySize = 0;
  for (let i = 0; i < count; i++) {
    const name = strToU8(`zeros-${String(i).padStart(4, '0')}.csv`);
    const entry = new Uint8Array(46 + name.length);
    entry.set(template);
    const e = new DataView(entry.buffer);
    e.setUint16(28, name.length, true);
    e.setUint16(30, 0, true); // no extra field
    e.setUint16(32, 0, true); // no comment
    entry.set(name, 46); // the local header offset (42) stays 0: every entry is the same data
    parts.push(entry);
    directorySize += entry.length;
  }
  const record = new Uint8Array(22);
  const r = new DataView(record.buffer);
  r.setUint32(0, 0x06054b50, true);
  r.setUint16(8, count, true);
  r.setUint16(10, count, true);
  r.setUint32(12, directorySize, true);
  r.setUint32(16, directoryAt, true);
  parts.push(record);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}
